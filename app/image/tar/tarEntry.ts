// One member of a tar archive, after pax / GNU long-name records were applied.

export type TarEntryKind = "file" | "directory" | "symlink" | "hardlink" | "other";

export interface TarEntry {
  /** The name exactly as recorded (pax `path`, GNU long name, or prefix + name). */
  rawPath: string;
  kind: TarEntryKind;
  /** Symlink or hard-link target as recorded; null for other kinds. */
  linkTarget: string | null;
  /** Data bytes stored after the header (always 0 for header-only kinds, as Go's archive/tar reads them). */
  size: number;
  /** Offset of the entry's (last) header block in the tar stream. */
  headerOffset: number;
  /** Offset of the first data byte in the tar stream; unique per entry, so it also names the stored bytes. */
  dataOffset: number;
}
