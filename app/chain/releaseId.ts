// A release id is `(publisherNumber << 32) | sequence` (IImageRegistry.publish): publisher numbers
// from 1, sequences from 0, each in 32 bits. As a decimal it reads like 4294967296, which says
// nothing; people see `<publisherNumber>-<sequence>` instead ("1-0": publisher 1's first release).
// JSON and calls keep the plain number: this is only how people read and type an id.

const SEQUENCE_BITS = 32n;
const FIELD_LIMIT = 1n << SEQUENCE_BITS;
const SEQUENCE_MASK = FIELD_LIMIT - 1n;

/** Ids the registry can give: publisher 1 … 2^32 - 1, sequence 0 … 2^32 - 1. */
export function isReleaseId(id: bigint): boolean {
  return id >= FIELD_LIMIT && id < FIELD_LIMIT * FIELD_LIMIT;
}

/**
 * 4294967296 → "1-0", 8589934593 → "2-1". A number the registry cannot give (below 2^32 or
 * beyond 64 bits) is written as the plain decimal, so nothing is ever shown as an id it is not.
 */
export function formatReleaseId(id: bigint): string {
  if (!isReleaseId(id)) return id.toString();
  return `${id >> SEQUENCE_BITS}-${id & SEQUENCE_MASK}`;
}

const READABLE = /^([1-9][0-9]*)-(0|[1-9][0-9]*)$/;
const DECIMAL = /^[1-9][0-9]*$/;

/**
 * The id that `text` names, in the readable form ("1-0") or the decimal one ("4294967296"); null
 * for anything else: other spellings (leading zeros, signs, spaces, hex), publisher 0, a field of
 * 2^32 or more. Callers trim what people typed; this takes the text as it is.
 */
export function parseReleaseId(text: string): bigint | null {
  const readable = READABLE.exec(text);
  if (readable !== null) {
    const [, publisherText = "", sequenceText = ""] = readable;
    // Length first: a thousand-digit field is refused without building its BigInt.
    if (publisherText.length > 10 || sequenceText.length > 10) return null;
    const publisherNumber = BigInt(publisherText);
    const sequence = BigInt(sequenceText);
    if (publisherNumber >= FIELD_LIMIT || sequence >= FIELD_LIMIT) return null;
    return (publisherNumber << SEQUENCE_BITS) | sequence;
  }
  if (!DECIMAL.test(text) || text.length > 20) return null;
  const id = BigInt(text);
  return isReleaseId(id) ? id : null;
}
