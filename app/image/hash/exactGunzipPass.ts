// The second read of a gzip entry whose fast gunzip pass declined (browsers: more than one
// member, trailing bytes, or corrupt data): the exact reader says what Go's would.
import type { EntryDigests } from "./entryDigester.ts";
import { GunzipDigest } from "./gunzipDigest.ts";
import type { HashTools } from "./hashTools.ts";

/** `digests` as they would be had the exact reader run in the first place. */
export async function completeGunzip(
  digests: EntryDigests,
  reread: () => AsyncIterable<Uint8Array>,
  tools: HashTools,
): Promise<EntryDigests> {
  if (!digests.exactGunzipNeeded) return digests;
  const gunzip = await GunzipDigest.open(await tools.createSha256(), tools.gunzip, true);
  for await (const chunk of reread()) await gunzip.write(chunk);
  const result = await gunzip.finish();
  const { exactGunzipNeeded: _, ...completed } = digests;
  if (result.ok) return { ...completed, uncompressedDigest: result.digest, uncompressedSize: result.size };
  return {
    ...completed,
    decompressError: "reason" in result ? result.reason : "the gzip stream could not be read exactly",
  };
}
