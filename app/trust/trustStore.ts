// The user's pins, kept in this browser's localStorage (nothing leaves the machine).
import { mergePins, parseTrustFile, samePin, serializeTrustFile, type TrustPin } from "./trustFile.ts";

const STORAGE_KEY = "imageseal.trust";
const listeners = new Set<() => void>();
let cached: { raw: string | null; pins: TrustPin[] } | null = null;

function read(): TrustPin[] {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (cached?.raw === raw) return cached.pins;
  let pins: TrustPin[] = [];
  try {
    pins = raw === null ? [] : parseTrustFile(raw);
  } catch {
    // A damaged entry (edited by hand, another version) must not break the page.
    pins = [];
  }
  cached = { raw, pins };
  return pins;
}

function write(pins: TrustPin[]): void {
  window.localStorage.setItem(STORAGE_KEY, serializeTrustFile(pins));
  for (const listener of listeners) listener();
}

export const trustStore = {
  getPins: read,
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
    write(mergePins(read(), [{ ...pin, addedAt: Date.now() }]));
  },
  remove(pin: Pick<TrustPin, "name" | "publisher">): void {
    write(read().filter((known) => !samePin(known, pin)));
  },
  /** Adds pins read from a trust file (parseTrustFile), keeping their dates; returns how many were new. */
  addPins(pins: readonly TrustPin[]): number {
    const before = read();
    const after = mergePins(before, pins);
    write(after);
    return after.length - before.length;
  },
  exportFile(): string {
    return serializeTrustFile(read());
  },
};
