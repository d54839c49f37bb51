// One member of a tar archive as Go's archive/tar Reader.Next() returns it: after pax and
// GNU long-name records were applied and the old NUL typeflag was converted.

export type TarEntryKind = "file" | "directory" | "symlink" | "hardlink" | "other";

export interface TarEntry {
  /** The name exactly as recorded (pax `path`, GNU long name, or prefix + name). */
  rawPath: string;
  /** "file" for typeflag '0' only; "other" for devices, fifos, global pax headers ('g') and unknown types. */
  kind: TarEntryKind;
  /** Go's final typeflag, one character ("0" for a regular file, "g" for a global pax header). */
  typeflag: string;
  /** Symlink or hard-link target as recorded; null for other kinds. */
  linkTarget: string | null;
  /** Data bytes stored after the header (always 0 for header-only kinds, as Go's archive/tar reads them). */
  size: number;
  /** Offset of the entry's (last) header block in the tar stream. */
  headerOffset: number;
  /** Offset of the first data byte in the tar stream; unique per entry, so it also names the stored bytes. */
  dataOffset: number;
}
