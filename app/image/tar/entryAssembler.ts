// Turns a sequence of header blocks into entries, applying pax ('x') and GNU long name /
// long link ('L' / 'K') records to the header that follows them. Both tar readers — the
// random-access indexer and the sequential stream reader — drive this one state machine,
// so they cannot disagree about what an archive contains.
import { LimitExceededError, TarFormatError } from "../errors.ts";
import { MAX_ENTRIES, MAX_PATH_BYTES, MAX_TAR_META_BYTES } from "../limits.ts";
import type { HeaderBlock } from "./headerBlock.ts";
import { BLOCK_SIZE } from "./headerBlock.ts";
import { parsePaxRecords } from "./pax.ts";
import type { TarEntry, TarEntryKind } from "./tarEntry.ts";

export type AssemblerStep =
  /** The header's data is a record for the next entry: pass it to acceptMeta(). */
  | { type: "meta"; dataSize: number }
  /** Data the reader just skips (global pax headers). */
  | { type: "skip"; dataSize: number }
  | { type: "entry"; entry: TarEntry; dataSize: number };

/** Types whose size field does not describe stored data (Go's archive/tar reads them as size 0). */
const HEADER_ONLY = new Set(["1", "2", "3", "4", "5", "6"]);

function kindOf(typeflag: string): TarEntryKind {
  switch (typeflag) {
    case "0":
    case "7":
      return "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "5":
      return "directory";
    default:
      return "other";
  }
}

const decoder = new TextDecoder("utf-8");

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK_SIZE) * BLOCK_SIZE;
}

export class TarEntryAssembler {
  #pendingType: "x" | "L" | "K" | null = null;
  #path: string | undefined;
  #linkPath: string | undefined;
  #size: number | undefined;
  #entries = 0;

  accept(header: HeaderBlock, headerOffset: number): AssemblerStep {
    if (this.#pendingType !== null) throw new TarFormatError("header arrived before the previous record's data", headerOffset);
    const flag = header.typeflag;
    if (flag === "x" || flag === "L" || flag === "K") {
      if (header.size > MAX_TAR_META_BYTES) {
        throw new LimitExceededError(`tar extended header of ${header.size} bytes at byte ${headerOffset} exceeds ${MAX_TAR_META_BYTES}`);
      }
      this.#pendingType = flag;
      return { type: "meta", dataSize: header.size };
    }
    if (flag === "g") return { type: "skip", dataSize: header.size };
    return { type: "entry", entry: this.#finishEntry(header, headerOffset), dataSize: HEADER_ONLY.has(flag) ? 0 : (this.#size ?? header.size) };
  }

  acceptMeta(data: Uint8Array, offset: number): void {
    const type = this.#pendingType;
    this.#pendingType = null;
    if (type === "x") {
      const pax = parsePaxRecords(data, offset);
      if (pax.path !== undefined) this.#path = pax.path;
      if (pax.linkpath !== undefined) this.#linkPath = pax.linkpath;
      if (pax.size !== undefined) this.#size = pax.size;
    } else if (type === "L") {
      this.#path = cString(data);
    } else if (type === "K") {
      this.#linkPath = cString(data);
    } else {
      throw new TarFormatError("record data without a record header", offset);
    }
  }

  /** Call at the end of the archive: a dangling pax/long-name record means the archive was cut. */
  finish(offset: number): void {
    if (this.#pendingType !== null || this.#path !== undefined || this.#linkPath !== undefined || this.#size !== undefined) {
      throw new TarFormatError("archive ends after an extended header without its entry", offset);
    }
  }

  #finishEntry(header: HeaderBlock, headerOffset: number): TarEntry {
    const rawPath = this.#path ?? header.name;
    const linkTarget = this.#linkPath ?? header.linkName;
    const size = this.#size ?? header.size;
    this.#path = undefined;
    this.#linkPath = undefined;
    this.#size = undefined;
    if (++this.#entries > MAX_ENTRIES) throw new LimitExceededError(`archive has more than ${MAX_ENTRIES} entries`);
    if (rawPath.length > MAX_PATH_BYTES || linkTarget.length > MAX_PATH_BYTES) {
      throw new LimitExceededError(`entry name longer than ${MAX_PATH_BYTES} bytes at byte ${headerOffset}`);
    }
    const kind = kindOf(header.typeflag);
    return {
      rawPath,
      kind,
      linkTarget: kind === "symlink" || kind === "hardlink" ? linkTarget : null,
      size: HEADER_ONLY.has(header.typeflag) ? 0 : size,
      headerOffset,
      dataOffset: headerOffset + BLOCK_SIZE,
    };
  }
}
