// One way in for every gzip stream the engine reads (layers, and whole .tar.gz archives):
// the fast path where the platform has one, else the exact multi-member reader. A fast pass
// that declines rejects with ExactPassNeeded (singleMemberGunzip.ts): its output is void, and
// the caller reads the same bytes again with `exact` set. Both answers are Go's gzip.Reader's.
import type { OutputSink } from "./deflateInflater.ts";
import type { GunzipPlatform } from "./gunzipPlatform.ts";
import { GzipReader } from "./gzipReader.ts";
import { decompressionStreamStopsAfterOneMember, SingleMemberGunzip } from "./singleMemberGunzip.ts";

export interface Gunzip {
  /** Compressed bytes in order, each lent for this call only. */
  write(chunk: Uint8Array): Promise<void>;
  /** Rejects with ExactPassNeeded (fast pass), or with why Go's reader would fail. */
  finish(): Promise<void>;
}

export async function openGunzip(platform: GunzipPlatform, sink: OutputSink, exact: boolean): Promise<Gunzip> {
  if (!exact && platform.decompressionStreamFirst && (await decompressionStreamStopsAfterOneMember())) {
    return new SingleMemberGunzip(platform.crc32, sink);
  }
  return new GzipReader(platform.createInflater, platform.crc32, sink);
}

/** The same as a TransformStream, where DecompressionStream("gzip") stood (the .tar.gz scan). */
export function gunzipStream(platform: GunzipPlatform, exact: boolean): TransformStream<Uint8Array, Uint8Array> {
  let gunzip: Gunzip | null = null;
  return new TransformStream<Uint8Array, Uint8Array>({
    start: async (controller) => {
      gunzip = await openGunzip(platform, (bytes) => controller.enqueue(bytes), exact);
    },
    transform: (chunk) => (gunzip as Gunzip).write(chunk),
    flush: () => (gunzip as Gunzip).finish(),
  });
}
