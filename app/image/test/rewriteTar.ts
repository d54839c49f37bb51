// Test-only: loads a (small) real archive into TarInput records so a test can tamper with
// it the ways an attacker would — flip a byte, edit a file, rename, drop — and write it back.
import { BlobSource } from "../source/blobSource.ts";
import { indexTar } from "../tar/indexTar.ts";
import { itemAt } from "../util/itemAt.ts";
import { buildTar, type TarInput } from "./tarWriter.ts";

const TYPEFLAGS = { file: "0", hardlink: "1", symlink: "2", directory: "5", other: "0" } as const;

export async function readTarInputs(archive: Uint8Array): Promise<TarInput[]> {
  const { entries } = await indexTar(new BlobSource(new Blob([archive as Uint8Array<ArrayBuffer>])));
  return entries.map((entry) => {
    const input: TarInput = {
      path: entry.rawPath,
      type: TYPEFLAGS[entry.kind],
      data: archive.slice(entry.dataOffset, entry.dataOffset + entry.size),
    };
    if (entry.rawPath.length > 99) input.longName = "pax";
    if (entry.linkTarget !== null) input.linkTarget = entry.linkTarget;
    return input;
  });
}

export type TarEdit = (entries: TarInput[]) => TarInput[];

function dataOf(entry: TarInput): Uint8Array {
  return typeof entry.data === "string" ? new TextEncoder().encode(entry.data) : (entry.data ?? new Uint8Array(0));
}

function requirePath(entries: readonly TarInput[], path: string): void {
  if (!entries.some((entry) => entry.path === path)) throw new Error(`test setup: no entry ${path}`);
}

export function editData(path: string, edit: (data: Uint8Array) => Uint8Array): TarEdit {
  return (entries) => {
    requirePath(entries, path);
    return entries.map((entry) => (entry.path === path ? { ...entry, data: edit(dataOf(entry).slice()) } : entry));
  };
}

/** Flips every bit of one byte of an entry's data. */
export function flipByte(path: string, at: number): TarEdit {
  return editData(path, (data) => {
    if (at >= data.length) throw new Error(`test setup: ${path} has only ${data.length} bytes`);
    data[at] = itemAt(data, at) ^ 0xff;
    return data;
  });
}

export function renameEntry(from: string, to: string): TarEdit {
  return (entries) => {
    requirePath(entries, from);
    return entries.map((entry) => (entry.path === from ? { ...entry, path: to } : entry));
  };
}

export function dropEntry(path: string): TarEdit {
  return (entries) => {
    requirePath(entries, path);
    return entries.filter((entry) => entry.path !== path);
  };
}

export function addEntry(input: TarInput): TarEdit {
  return (entries) => [...entries, input];
}

export async function rewriteTar(archive: Uint8Array, ...edits: TarEdit[]): Promise<Uint8Array> {
  let entries = await readTarInputs(archive);
  for (const edit of edits) entries = edit(entries);
  return buildTar(entries);
}
