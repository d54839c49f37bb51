// An archive described as a sequence of segments (fixed bytes or noise), so any byte
// range of it can be produced without building what comes before it: the basis of
// resumable writes and of computing digests before anything is written.
import { createHash } from "node:crypto";
import { headerBlock } from "../../image/test/tarWriter.ts";
import { noiseBytes } from "./noise.ts";

export type Segment =
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "noise"; key: Buffer; offset: number; size: number };

const segmentSize = (segment: Segment): number => (segment.kind === "bytes" ? segment.bytes.length : segment.size);

export const totalSize = (segments: readonly Segment[]): number =>
  segments.reduce((sum, segment) => sum + segmentSize(segment), 0);

function slice(segment: Segment, start: number, end: number): Uint8Array {
  return segment.kind === "bytes"
    ? segment.bytes.subarray(start, end)
    : noiseBytes(segment.key, segment.offset + start, end - start);
}

/** The bytes [start, end) of the concatenated segments, in pieces. */
export function* rangeOf(segments: readonly Segment[], start: number, end: number): Generator<Uint8Array> {
  let base = 0;
  for (const segment of segments) {
    const size = segmentSize(segment);
    const from = Math.max(start, base);
    const to = Math.min(end, base + size);
    // Noise is produced a few MiB at a time so memory stays flat for any segment size.
    for (let at = from; at < to; at += 4 * 1024 * 1024)
      yield slice(segment, at - base, Math.min(to, at + 4 * 1024 * 1024) - base);
    base += size;
    if (base >= end) return;
  }
}

export function sha256Of(segments: readonly Segment[]): string {
  const hash = createHash("sha256");
  for (const piece of rangeOf(segments, 0, totalSize(segments))) hash.update(piece);
  return `sha256:${hash.digest("hex")}`;
}

const bytes = (data: Uint8Array): Segment => ({ kind: "bytes", bytes: data });
const padding = (size: number): Segment[] => (size % 512 === 0 ? [] : [bytes(new Uint8Array(512 - (size % 512)))]);

/** A tar entry: header, content, padding to the next 512-byte block. */
export function tarEntry(path: string, content: readonly Segment[], type = "0"): Segment[] {
  const size = totalSize(content);
  return [bytes(headerBlock(path, type, size)), ...content, ...padding(size)];
}

export const tarDirectory = (path: string): Segment[] => [bytes(headerBlock(path, "5", 0))];

/** The end of a tar archive: two zero blocks (what Go's archive/tar, hence Docker, writes). */
export const tarEnd = (): Segment[] => [bytes(new Uint8Array(1024))];

export const jsonBytes = (value: unknown): Segment => bytes(new TextEncoder().encode(JSON.stringify(value)));

export const textBytes = (text: string): Segment => bytes(new TextEncoder().encode(text));
