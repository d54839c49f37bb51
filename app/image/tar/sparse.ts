// GNU sparse files, checked as Go's archive/tar checks them (reader.go handleSparseFile,
// readOldGNUSparseMap, readGNUSparsePAXHeaders; common.go validateSparseEntries), so an
// archive Go refuses is refused here too. The engine never expands holes: a sparse entry
// is an ambiguity (Go reads its logical bytes, the engine hashes the stored ones), and this
// file only has to keep the reading — and every later offset — where Go's is.
import { TarFormatError } from "../errors.ts";
import { itemAt } from "../util/itemAt.ts";
import { parseDecimal, parseNumericBig } from "./numbers.ts";
import { type PaxRecords, paxString, SPARSE_MAP_KEY } from "./pax.ts";
import { decodeText, type TarText } from "./tarText.ts";

const MAX_INT64 = 2n ** 63n - 1n;
const SPARSE_ENTRY_BYTES = 24;

/** Go's validateSparseEntries, one fragment at a time (it only compares each with the previous). */
class SparseValidator {
  readonly #size: bigint;
  #previousEnd = 0n;

  constructor(size: bigint, offset: number) {
    if (size < 0n) throw new TarFormatError("sparse file has a negative size", offset);
    this.#size = size;
  }

  add(start: bigint, length: bigint, offset: number): void {
    const valid =
      start >= 0n &&
      length >= 0n &&
      start <= MAX_INT64 - length &&
      start + length <= this.#size &&
      this.#previousEnd <= start;
    if (!valid) throw new TarFormatError("sparse map is out of order or outside the file", offset);
    this.#previousEnd = start + length;
  }
}

/**
 * An old GNU sparse map ('S'): up to four fragments in the header, then extension blocks
 * of 21 fragments while the "is extended" byte is set. The blocks sit between the header
 * and the data, so the reader must hand each one over before the data starts.
 */
export class OldGnuSparseMap {
  readonly #validator: SparseValidator;

  /** Reads the header's own fragments; check `extended` for whether a block follows. */
  constructor(header: Uint8Array, offset: number) {
    const realSize = parseNumericBig(header.subarray(483, 495));
    if (realSize === null) throw new TarFormatError("sparse real size is not a number", offset);
    this.#validator = new SparseValidator(realSize, offset);
    this.extended = this.#readArray(header.subarray(386, 386 + 4 * SPARSE_ENTRY_BYTES + 1), offset);
  }

  /** An extension block follows. */
  extended: boolean;

  acceptExtension(block: Uint8Array, offset: number): void {
    this.extended = this.#readArray(block, offset);
  }

  #readArray(array: Uint8Array, offset: number): boolean {
    const count = Math.floor(array.length / SPARSE_ENTRY_BYTES);
    for (let i = 0; i < count; i++) {
      const at = i * SPARSE_ENTRY_BYTES;
      // GNU and BSD tar end the list at an offset field starting with NUL; so does Go.
      if (array[at] === 0) break;
      const start = parseNumericBig(array.subarray(at, at + 12));
      const length = parseNumericBig(array.subarray(at + 12, at + 24));
      if (start === null || length === null) throw new TarFormatError("sparse map entry is not a number", offset);
      this.#validator.add(start, length, offset);
    }
    return itemAt(array, count * SPARSE_ENTRY_BYTES) > 0;
  }
}

type PaxSparseVersion = "0.x" | "1.0";

/** Go's version detection: which pax records make an entry sparse for Go, if any. */
export function paxSparseVersion(records: PaxRecords | null): PaxSparseVersion | null {
  const major = paxString(records, "GNU.sparse.major");
  const minor = paxString(records, "GNU.sparse.minor");
  if (major === "0" && (minor === "0" || minor === "1")) return "0.x";
  if (major === "1" && minor === "0") return "1.0";
  if (major !== "" || minor !== "") return null; // an unknown version: Go reads a plain entry
  return paxString(records, SPARSE_MAP_KEY) !== "" ? "0.x" : null;
}

interface PaxSparseEntry {
  /** GNU.sparse.name, which replaces the entry's name in Go. */
  name: TarText | null;
}

/**
 * Checks a pax sparse entry as Go does before reading it. The 1.0 map sits at the start
 * of the data and is not read here: Go may still refuse such an entry when its data is
 * read, which changes nothing, as the entry is refused as ambiguous anyway.
 */
export function checkPaxSparse(
  records: PaxRecords,
  version: PaxSparseVersion,
  size: number,
  headerOnly: boolean,
  offset: number,
): PaxSparseEntry {
  const name = records.get("GNU.sparse.name");
  const sizeText = paxString(records, "GNU.sparse.size") || paxString(records, "GNU.sparse.realsize");
  let logicalSize = BigInt(Math.trunc(size));
  if (sizeText !== "") {
    const parsed = parseDecimal(sizeText);
    if (parsed === null) throw new TarFormatError("GNU.sparse size is not a number", offset);
    logicalSize = parsed;
  }
  // A header-only type has no data: Go fails to read a 1.0 map and refuses a 0.x one.
  if (headerOnly) throw new TarFormatError("a header-only entry has a sparse map", offset);
  if (version === "0.x") {
    const count = parseDecimal(paxString(records, "GNU.sparse.numblocks"));
    if (count === null || count < 0n || count >= 2n ** 62n)
      throw new TarFormatError("GNU.sparse.numblocks is not a count", offset);
    const text = paxString(records, SPARSE_MAP_KEY);
    const fields = text === "" ? [] : text.split(",");
    if (BigInt(fields.length) !== 2n * count)
      throw new TarFormatError("GNU.sparse.map does not hold numblocks fragments", offset);
    const validator = new SparseValidator(logicalSize, offset);
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const start = parseDecimal(itemAt(fields, i));
      const length = parseDecimal(itemAt(fields, i + 1));
      if (start === null || length === null) throw new TarFormatError("GNU.sparse.map entry is not a number", offset);
      validator.add(start, length, offset);
    }
  }
  return { name: name !== undefined && name.length > 0 ? decodeText(name) : null };
}
