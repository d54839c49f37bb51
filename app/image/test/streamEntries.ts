// Test-only: runs the sequential tar reader over bytes cut into chunks of the given sizes,
// collecting its listing and how many data bytes each entry received.
import type { TarListing } from "../tar/tarListing.ts";
import { TarStreamReader } from "../tar/tarStreamReader.ts";
import { itemAt } from "../util/itemAt.ts";

export async function streamEntries(
  archive: Uint8Array,
  chunkSizes: number[],
): Promise<TarListing & { data: Map<number, number> }> {
  const data = new Map<number, number>();
  const reader = new TarStreamReader(async (entry) => {
    data.set(entry.dataOffset, 0);
    return {
      write: async (chunk) => void data.set(entry.dataOffset, (data.get(entry.dataOffset) ?? 0) + chunk.length),
      end: async () => {},
    };
  });
  let offset = 0;
  for (let i = 0; offset < archive.length; i++) {
    const size = itemAt(chunkSizes, i % chunkSizes.length);
    await reader.push(archive.subarray(offset, offset + size));
    offset += size;
  }
  reader.end();
  return { ...reader.listing, data };
}
