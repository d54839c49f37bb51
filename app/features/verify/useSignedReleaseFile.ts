// The signed-release file the user dropped on the Verify page, to verify the archive against a
// release that was never submitted: parsed once when it arrives (a malformed file is refused in
// words there and then).
import { useCallback, useState } from "react";
import { SignedReleaseInvalidError } from "../../chain/errors.ts";
import { parseSignedRelease, type SignedRelease } from "../../chain/signedRelease.ts";
import type { DroppedBundle } from "./droppedFiles.ts";

let loads = 0;

export interface LoadedSignedRelease {
  /** Distinguishes two loads (possibly the same file edited) in the query key. */
  loadId: number;
  fileName: string;
  signed: SignedRelease;
}

interface SignedReleaseFile {
  loaded: LoadedSignedRelease | null;
  error: string | null;
  load(dropped: DroppedBundle): void;
  clear(): void;
}

export function useSignedReleaseFile(): SignedReleaseFile {
  const [loaded, setLoaded] = useState<LoadedSignedRelease | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((dropped: DroppedBundle) => {
    try {
      setLoaded({ loadId: ++loads, fileName: dropped.fileName, signed: parseSignedRelease(dropped.text) });
      setError(null);
    } catch (cause) {
      setLoaded(null);
      setError(
        `${dropped.fileName}: ${cause instanceof SignedReleaseInvalidError ? cause.message : `This is not a valid ImageSeal signed-release file (${String(cause)}).`}`,
      );
    }
  }, []);
  const clear = useCallback(() => {
    setLoaded(null);
    setError(null);
  }, []);
  return { loaded, error, load, clear };
}
