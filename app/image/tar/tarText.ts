// Names in tar headers are bytes; Go's archive/tar keeps them as bytes and compares them
// as bytes. Ours become strings, which is exact for UTF-8 and lossy otherwise (every
// invalid sequence turns into U+FFFD), so each decoded name says whether it was exact.

export interface TarText {
  text: string;
  /** The bytes were valid UTF-8: `text` stands for exactly those bytes. */
  exact: boolean;
}

// ignoreBOM: a default TextDecoder drops a leading U+FEFF, so "\uFEFFmanifest.json"
// would read as "manifest.json" while Go keeps the three bytes.
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

const EMPTY_TEXT: TarText = { text: "", exact: true };

export function decodeText(bytes: Uint8Array): TarText {
  if (bytes.length === 0) return EMPTY_TEXT;
  try {
    return { text: strict.decode(bytes), exact: true };
  } catch {
    return { text: lenient.decode(bytes), exact: false };
  }
}

/** Go's parser.parseString: the bytes up to the first NUL, or all of them. */
export function cStringBytes(bytes: Uint8Array): Uint8Array {
  const end = bytes.indexOf(0);
  return end === -1 ? bytes : bytes.subarray(0, end);
}

export function cString(bytes: Uint8Array): TarText {
  return decodeText(cStringBytes(bytes));
}

/** Bytes as a string of the same code units (0–255), for comparing keys and numbers byte for byte. */
export function binaryString(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

export function joinText(prefix: TarText, name: TarText): TarText {
  return { text: `${prefix.text}/${name.text}`, exact: prefix.exact && name.exact };
}
