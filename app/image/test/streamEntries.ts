// Test-only: runs the sequential tar reader over bytes cut into chunks of the given sizes,
// collecting the entries and how many data bytes each received.
import type { TarEntry } from "../tar/tarEntry.ts";
import { TarStreamReader } from "../tar/tarStreamReader.ts";

export async function streamEntries(archive: Uint8Array, chunkSizes: number[]): Promise<{ entries: TarEntry[]; data: Map<number, number> }> {
  const entries: TarEntry[] = [];
  const data = new Map<number, number>();
  const reader = new TarStreamReader(async (entry) => {
    entries.push(entry);
    data.set(entry.dataOffset, 0);
    return { write: async (chunk) => void data.set(entry.dataOffset, (data.get(entry.dataOffset) ?? 0) + chunk.length), end: async () => {} };
  });
  let offset = 0;
  for (let i = 0; offset < archive.length; i++) {
    const size = chunkSizes[i % chunkSizes.length] as number;
    await reader.push(archive.subarray(offset, offset + size));
    offset += size;
  }
  reader.end();
  return { entries, data };
}
