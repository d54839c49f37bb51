// Which entries must be hashed, each once however many names or images reach it:
// every blob under blobs/sha256 (its name is checked), every config, manifest and index,
// and every layer (also gunzipped when it turns out to be gzip).
import type { ImagePlan } from "../formats/imagePlan.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import type { TarEntry } from "../tar/tarEntry.ts";

export interface DigestNeed {
  entry: TarEntry;
  decompress: boolean;
}

export function isBlobPath(path: string): boolean {
  return path.startsWith("blobs/sha256/") && path.length > "blobs/sha256/".length;
}

export function digestNeeds(table: EntryTable, plans: readonly ImagePlan[]): DigestNeed[] {
  const needs = new Map<number, DigestNeed>();
  const add = (entry: TarEntry | null, decompress: boolean) => {
    if (!entry) return;
    const known = needs.get(entry.dataOffset);
    if (known) known.decompress ||= decompress;
    else needs.set(entry.dataOffset, { entry, decompress });
  };
  for (const [path] of table.paths()) {
    if (!isBlobPath(path)) continue;
    const found = table.lookup(path);
    if (found.ok) add(found.entry, false);
  }
  for (const plan of plans) {
    add(plan.configEntry, false);
    add(plan.manifest?.entry ?? null, false);
    for (const index of plan.indexes) add(index.entry, false);
    for (const layer of plan.layers) add(layer.entry, true);
  }
  return [...needs.values()];
}
