// The user's trust list (pins and trusted scopes), kept in this browser's localStorage
// (nothing leaves the machine).
import {
  mergePins,
  mergeScopes,
  parseTrustList,
  samePin,
  serializeTrustFile,
  type TrustedScope,
  type TrustList,
  type TrustPin,
} from "./trustFile.ts";

const STORAGE_KEY = "imageseal.trust";
const EMPTY: TrustList = { pins: [], scopes: [] };
const listeners = new Set<() => void>();
let cached: { raw: string | null; list: TrustList } | null = null;

function read(): TrustList {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (cached?.raw === raw) return cached.list;
  let list = EMPTY;
  try {
    list = raw === null ? EMPTY : parseTrustList(raw);
  } catch {
    // A damaged entry (edited by hand, another version) must not break the page.
    list = EMPTY;
  }
  cached = { raw, list };
  return list;
}

function write(list: TrustList): void {
  window.localStorage.setItem(STORAGE_KEY, serializeTrustFile(list.pins, list.scopes));
  for (const listener of listeners) listener();
}

export const trustStore = {
  getPins: (): TrustPin[] => read().pins,
  getScopes: (): TrustedScope[] => read().scopes,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    // Another tab changed the list.
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) listener();
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  },
  add(pin: Omit<TrustPin, "addedAt">): void {
    const list = read();
    write({ ...list, pins: mergePins(list.pins, [{ ...pin, addedAt: Date.now() }]) });
  },
  remove(pin: Pick<TrustPin, "name" | "publisher">): void {
    const list = read();
    write({ ...list, pins: list.pins.filter((known) => !samePin(known, pin)) });
  },
  /** "Trust whoever proves control of `scope`" (already normalized: parseScope). */
  addScope(scope: string): void {
    const list = read();
    write({ ...list, scopes: mergeScopes(list.scopes, [{ scope, addedAt: Date.now() }]) });
  },
  removeScope(scope: string): void {
    const list = read();
    write({ ...list, scopes: list.scopes.filter((known) => known.scope !== scope) });
  },
  /** Adds pins and scopes read from a trust file (parseTrustList), keeping their dates; returns how many were new. */
  addList(incoming: TrustList): number {
    const before = read();
    const after = { pins: mergePins(before.pins, incoming.pins), scopes: mergeScopes(before.scopes, incoming.scopes) };
    write(after);
    return after.pins.length + after.scopes.length - before.pins.length - before.scopes.length;
  },
  /** Adds pins read from a trust file, keeping their dates; returns how many were new. */
  addPins(pins: readonly TrustPin[]): number {
    return this.addList({ pins: [...pins], scopes: [] });
  },
  exportFile(): string {
    const list = read();
    return serializeTrustFile(list.pins, list.scopes);
  },
};
