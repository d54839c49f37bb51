// Values the code knows are there (an index inside the loop's bounds, a key set just above),
// checked rather than cast. With `noUncheckedIndexedAccess`, `items[i]` is `T | undefined`;
// `items[i] as T` would let a broken assumption surface later as "undefined is not …", far
// from its cause. Lives in the engine so that the engine (which imports nothing outside
// app/image) and everything else share it. Per-byte loops (tar numbers, gzip, crc32, SHA-256)
// keep a commented cast instead: a call per byte would cost the speed those loops exist for.

/** A value that had to be there was not: a bug in our code, never a problem with the input. */
export class MissingValueError extends Error {
  override readonly name = "MissingValueError";
}

/** `items[index]`, or a MissingValueError when the index is outside the items. */
export function itemAt<T>(items: ArrayLike<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new MissingValueError(`no item at index ${index} of ${items.length}`);
  }
  return items[index] as T; // in bounds, checked just above
}

/** `value`, or a MissingValueError naming what was missing (a Map entry, a popped item, an optional field). */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new MissingValueError(`${what} is missing`);
  return value;
}
