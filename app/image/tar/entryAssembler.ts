// Turns header blocks into entries exactly as Go's archive/tar Reader.next() does (reader.go):
// pax ('x') records and GNU long names / links ('L', 'K') apply to the next header, each
// 'x' replacing the last; a global pax header ('g') is itself an entry and drops what was
// pending; the old NUL typeflag becomes a directory when the name ends in "/"; sparse
// entries are checked as Go checks them. What Go refuses throws TarFormatError; what Go
// reads but loaders could still disagree on is recorded in `ambiguities`. Both tar readers
// (random access and stream) drive this one machine, so they cannot disagree.
import { LimitExceededError, TarFormatError } from "../errors.ts";
import { MAX_ENTRIES, MAX_PATH_BYTES } from "../limits.ts";
import { entryAmbiguities } from "./entryAmbiguities.ts";
import { BLOCK_SIZE, type HeaderBlock, parseHeaderBlock } from "./headerBlock.ts";
import { type PaxRecords, parsePaxRecords, paxFields } from "./pax.ts";
import { checkPaxSparse, OldGnuSparseMap, paxSparseVersion } from "./sparse.ts";
import type { TarEntry } from "./tarEntry.ts";
import type { TarAmbiguity } from "./tarListing.ts";
import { cStringBytes, decodeText, type TarText } from "./tarText.ts";
import {
  isHeaderOnly,
  kindOf,
  TYPE_DIR,
  TYPE_GNU_LONG_LINK,
  TYPE_GNU_LONG_NAME,
  TYPE_GNU_SPARSE,
  TYPE_PAX,
  TYPE_PAX_GLOBAL,
  TYPE_REG,
  TYPE_REG_OLD,
} from "./typeflags.ts";

export type AssemblerStep =
  /** The header's data is a record (pax, GNU long name): pass its dataSize bytes to acceptMeta(). */
  | { type: "meta"; dataSize: number }
  /** An old GNU sparse extension block comes next: pass it to acceptExtension(). */
  | { type: "extension" }
  /** An entry; its dataSize bytes of data start at entry.dataOffset. */
  | { type: "entry"; entry: TarEntry; dataSize: number }
  /** Nothing more for this header: the next one follows the padding. */
  | { type: "next" };

/** Go's maxSpecialFileSize: a pax or GNU record of more bytes is refused (ErrFieldTooLong). */
const MAX_RECORD_BYTES = 1 << 20;

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK_SIZE) * BLOCK_SIZE;
}

interface Assembled {
  header: HeaderBlock;
  headerOffset: number;
  name: TarText;
  linkName: TarText;
  typeflag: number;
  dataSize: number;
  sparse: boolean;
}

export class TarEntryAssembler {
  /** What loaders could read differently, in archive order. */
  readonly ambiguities: TarAmbiguity[] = [];
  #pax: PaxRecords | null = null;
  #longName: Uint8Array | null = null;
  #longLink: Uint8Array | null = null;
  #pendingMeta: { header: HeaderBlock; headerOffset: number } | null = null;
  #pendingSparse: { map: OldGnuSparseMap; assembled: Assembled; blocks: number } | null = null;
  #entries = 0;

  accept(block: Uint8Array, headerOffset: number): AssemblerStep {
    if (this.#pendingMeta !== null || this.#pendingSparse !== null)
      throw new TarFormatError("header arrived before the previous record's data", headerOffset);
    const header = parseHeaderBlock(block, headerOffset);
    // Go's handleRegularFile on the header as read, before any record applies.
    if (!isHeaderOnly(header.typeflag) && header.size < 0)
      throw new TarFormatError("tar header has a negative size", headerOffset);
    const flag = header.typeflag;
    if (flag === TYPE_PAX || flag === TYPE_PAX_GLOBAL || flag === TYPE_GNU_LONG_NAME || flag === TYPE_GNU_LONG_LINK) {
      if (header.size > MAX_RECORD_BYTES)
        throw new TarFormatError(
          `tar extended header of ${header.size} bytes exceeds ${MAX_RECORD_BYTES}`,
          headerOffset,
        );
      this.#pendingMeta = { header, headerOffset };
      return { type: "meta", dataSize: header.size };
    }
    return this.#finishHeader(header, block, headerOffset);
  }

  acceptMeta(data: Uint8Array, offset: number): AssemblerStep {
    const meta = this.#pendingMeta;
    if (meta === null) throw new TarFormatError("record data without a record header", offset);
    this.#pendingMeta = null;
    switch (meta.header.typeflag) {
      case TYPE_PAX:
        this.#pax = parsePaxRecords(data, offset);
        return { type: "next" };
      case TYPE_GNU_LONG_NAME:
        this.#longName = cStringBytes(data).slice();
        return { type: "next" };
      case TYPE_GNU_LONG_LINK:
        this.#longLink = cStringBytes(data).slice();
        return { type: "next" };
      default:
        return this.#globalHeader(meta.header, meta.headerOffset, parsePaxRecords(data, offset));
    }
  }

  acceptExtension(block: Uint8Array, offset: number): AssemblerStep {
    const pending = this.#pendingSparse;
    if (pending === null) throw new TarFormatError("sparse extension block without a sparse header", offset);
    pending.map.acceptExtension(block, offset);
    pending.blocks++;
    if (pending.map.extended) return { type: "extension" };
    this.#pendingSparse = null;
    return this.#entry(pending.assembled, pending.assembled.headerOffset + BLOCK_SIZE * (1 + pending.blocks));
  }

  /** Records a non-zero byte after the end-of-archive marker. */
  trailingData(offset: number): void {
    this.ambiguities.push({
      construct: "trailing-data",
      path: null,
      offset,
      reason: `non-zero bytes follow the end-of-archive marker (at byte ${offset}): Go's readers stop at the marker, readers that skip zero blocks read on`,
    });
  }

  /**
   * A global pax header: Go returns it as an entry named by its own `path` record, and
   * drops any pending 'x', 'L' or 'K'. Go merges its records without checking the result,
   * in map order: with a malformed number among them, whether `path` applied is chance.
   */
  #globalHeader(header: HeaderBlock, headerOffset: number, records: PaxRecords): AssemblerStep {
    this.#pax = null;
    this.#longName = null;
    this.#longLink = null;
    const path = records.get("path");
    const named = path !== undefined && path.length > 0;
    const assembled: Assembled = {
      header,
      headerOffset,
      name: named ? decodeText(path) : header.name,
      linkName: header.linkName,
      typeflag: TYPE_PAX_GLOBAL,
      dataSize: 0,
      sparse: false,
    };
    const step = this.#entry(assembled, headerOffset + BLOCK_SIZE);
    if (named && paxFields(records) === null) {
      this.ambiguities.push({
        construct: "tar-header",
        path: step.entry.rawPath,
        offset: headerOffset,
        reason: `the global pax header ${JSON.stringify(step.entry.rawPath)} has a malformed record: whether Go names it by its path record depends on map order`,
      });
    }
    return step;
  }

  /** Go's next() for a header that is not a record: merge what is pending, then check the result. */
  #finishHeader(header: HeaderBlock, block: Uint8Array, headerOffset: number): AssemblerStep {
    const pax = this.#pax;
    const longName = this.#longName;
    const longLink = this.#longLink;
    this.#pax = this.#longName = this.#longLink = null;
    let name = header.name;
    let linkName = header.linkName;
    let size = header.size;
    if (pax !== null) {
      const fields = paxFields(pax);
      if (fields === null) throw new TarFormatError("pax record has a malformed number or time", headerOffset);
      if (fields.path !== null) name = decodeText(fields.path);
      if (fields.linkpath !== null) linkName = decodeText(fields.linkpath);
      if (fields.size !== null) size = fields.size;
    }
    if (longName !== null && longName.length > 0) name = decodeText(longName);
    if (longLink !== null && longLink.length > 0) linkName = decodeText(longLink);
    let typeflag = header.typeflag;
    // Legacy archives mark directories with a trailing slash and the NUL typeflag.
    if (typeflag === TYPE_REG_OLD) typeflag = name.text.endsWith("/") ? TYPE_DIR : TYPE_REG;
    const headerOnly = isHeaderOnly(typeflag);
    const dataSize = headerOnly ? 0 : size;
    if (dataSize < 0) throw new TarFormatError("tar entry has a negative size", headerOffset);
    const sparse =
      typeflag === TYPE_GNU_SPARSE || (pax !== null && [...pax.keys()].some((key) => key.startsWith("GNU.sparse.")));
    const assembled: Assembled = { header, headerOffset, name, linkName, typeflag, dataSize, sparse };
    if (typeflag === TYPE_GNU_SPARSE) {
      // The STAR format has its own 'S' layout; Go reads only GNU's.
      if (header.format !== "gnu") throw new TarFormatError("sparse entry in a header that is not GNU", headerOffset);
      const map = new OldGnuSparseMap(block, headerOffset);
      if (map.extended) {
        this.#pendingSparse = { map, assembled, blocks: 0 };
        return { type: "extension" };
      }
    } else {
      const version = paxSparseVersion(pax);
      if (pax !== null && version !== null) {
        const checked = checkPaxSparse(pax, version, size, headerOnly, headerOffset);
        if (checked.name !== null) assembled.name = checked.name;
      }
    }
    return this.#entry(assembled, headerOffset + BLOCK_SIZE);
  }

  #entry(assembled: Assembled, dataOffset: number): { type: "entry"; entry: TarEntry; dataSize: number } {
    const { header, headerOffset, name, linkName, typeflag, dataSize, sparse } = assembled;
    if (++this.#entries > MAX_ENTRIES) throw new LimitExceededError(`archive has more than ${MAX_ENTRIES} entries`);
    const kind = kindOf(typeflag);
    const isLink = kind === "symlink" || kind === "hardlink";
    if (name.text.length > MAX_PATH_BYTES || (isLink && linkName.text.length > MAX_PATH_BYTES)) {
      throw new LimitExceededError(`entry name longer than ${MAX_PATH_BYTES} bytes at byte ${headerOffset}`);
    }
    const entry: TarEntry = {
      rawPath: name.text,
      kind,
      typeflag: String.fromCharCode(typeflag),
      linkTarget: isLink ? linkName.text : null,
      size: dataSize,
      headerOffset,
      dataOffset,
    };
    this.ambiguities.push(...entryAmbiguities({ entry, name, linkName, mode: header.mode, sparse }));
    return { type: "entry", entry, dataSize };
  }
}
