// What a tar reader hands on: the entries as Go's archive/tar reads them, and every place
// where a reader could read them otherwise. Ambiguities are kept apart from the entries
// because they only matter when the tar turns out to hold an image: a plain tar is
// identified by its own digest, whatever its headers say.
import type { AmbiguousConstruct } from "../report.ts";
import type { TarEntry } from "./tarEntry.ts";

export interface TarAmbiguity {
  construct: AmbiguousConstruct;
  /** The entry concerned as recorded, when there is one. */
  path: string | null;
  /** Offset in the (uncompressed) tar stream of the header or data at fault. */
  offset: number;
  /** One sentence: what is there, and how readers differ on it. */
  reason: string;
}

export interface TarListing {
  entries: TarEntry[];
  ambiguities: TarAmbiguity[];
}
