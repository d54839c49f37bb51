// The proof bundle the user dropped on the Verify page: parsed once when it arrives (a file
// that is not a bundle is refused in words there and then); proving waits for the block hash.
import { useCallback, useState } from "react";
import { BundleError } from "../../proofs/bundleError.ts";
import { parseProofBundle } from "../../proofs/proofBundle.ts";
import type { DroppedBundle } from "./droppedFiles.ts";
import type { LoadedBundle } from "./offlineVerificationQuery.ts";

let loads = 0;

interface ProofBundleFile {
  loaded: LoadedBundle | null;
  /** Why the last file dropped as a bundle cannot be read. */
  error: string | null;
  load(dropped: DroppedBundle): void;
  clear(): void;
}

export function useProofBundleFile(): ProofBundleFile {
  const [loaded, setLoaded] = useState<LoadedBundle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((dropped: DroppedBundle) => {
    try {
      setLoaded({ loadId: ++loads, fileName: dropped.fileName, bundle: parseProofBundle(dropped.text) });
      setError(null);
    } catch (cause) {
      setLoaded(null);
      // parseProofBundle says what is wrong in a BundleError; anything else is still the file's fault.
      setError(
        `${dropped.fileName}: ${cause instanceof BundleError ? cause.message : `This is not a valid ImageSeal proof bundle (${String(cause)}).`}`,
      );
    }
  }, []);
  const clear = useCallback(() => {
    setLoaded(null);
    setError(null);
  }, []);
  return { loaded, error, load, clear };
}
