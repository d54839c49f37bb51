// Reading a JSON object the way Go's encoding/json fills a struct from it. Go finds a
// struct field for each key by exact name first, then case-insensitively (ASCII letters,
// plus ſ U+017F for s and the Kelvin sign U+212A for k: encoding/json/fold.go), and the
// last key that matches a field wins. So {"Config":"a","config":"b"} reads as Config "b"
// in Go and "a" in an exact-key reader. Objects where that matters are refused; the rest
// are read with Go's matching, so a lone lowercase "config" is Config, as in Go.
// Maps (annotations, labels) keep exact keys, as Go's map[string]string does: read them
// as plain objects, never through this.

// Every UTF-16 code unit below 0x80 (written as "no unit from 0x80 up", which needs no control character).
const ASCII = /^[^\u0080-\uffff]*$/;

/**
 * A key's case fold: ASCII lowercase for ASCII keys; otherwise each character's
 * simple case fold (upper then lower), which covers every pair unicode.SimpleFold makes.
 */
export function foldKey(key: string): string {
  if (ASCII.test(key)) return key.toLowerCase();
  let folded = "";
  for (const char of key) {
    const upper = char.toUpperCase();
    folded += (upper.length === char.length ? upper : char).toLowerCase();
  }
  return folded;
}

export class GoStruct {
  /** Folded key → value. Every key of the object is here, each under a fold no other key shares. */
  readonly #fields = new Map<string, unknown>();

  /** `ambiguous` is called (and must throw) with the reason when Go could match keys otherwise. */
  constructor(object: Readonly<Record<string, unknown>>, ambiguous: (reason: string) => never) {
    const keyOf = new Map<string, string>();
    for (const [key, value] of Object.entries(object)) {
      const folded = foldKey(key);
      if (!ASCII.test(key) && ASCII.test(folded)) {
        ambiguous(
          `has the key ${JSON.stringify(key)}, which Go's encoding/json matches to a field named ${JSON.stringify(folded)} (it folds ſ to s and the Kelvin sign to k)`,
        );
      }
      const other = keyOf.get(folded);
      if (other !== undefined) {
        ambiguous(
          `has the keys ${JSON.stringify(other)} and ${JSON.stringify(key)}: Go's encoding/json matches keys to fields case-insensitively, so docker, containerd and containers/image read the last, ${JSON.stringify(key)}`,
        );
      }
      keyOf.set(folded, key);
      this.#fields.set(folded, value);
    }
  }

  /** The value of the field Go names `name` (ASCII, as every field the engine reads), or undefined. */
  get(name: string): unknown {
    return this.#fields.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.#fields.has(name.toLowerCase());
  }
}
