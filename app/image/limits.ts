// Caps that keep memory bounded whatever the input. Real image archives stay far below
// them (a few kB of JSON, tens of entries per image); a hostile archive hits them and
// gets a typed error naming the cap instead of exhausting memory or time.

/** Largest JSON entry (manifest.json, index.json, config, manifest) read into memory. */
export const MAX_JSON_ENTRY_BYTES = 4 * 1024 * 1024;

/** Total JSON kept in memory during a sequential .tar.gz pass (where it cannot be re-read). */
export const MAX_RETAINED_JSON_BYTES = 16 * 1024 * 1024;

/** Longest entry path or link target. Linux PATH_MAX. */
export const MAX_PATH_BYTES = 4096;

/** Most entries in one archive. */
export const MAX_ENTRIES = 100_000;

/**
 * Deepest nesting of arrays and objects read in one JSON document. Go reads up to 10,000
 * levels; image documents use about five, and the recursive reader must stay well inside
 * the smallest stack it runs on (browser workers). Deeper is refused as ambiguous.
 */
export const MAX_JSON_DEPTH = 512;

/** Deepest chain of nested image indexes followed from index.json. */
export const MAX_INDEX_DEPTH = 8;

/**
 * Size of one read (Node) or of the reused read buffer (browsers) while streaming an entry
 * to a hasher. 1 MiB: 1 to 8 MiB hash equally fast (app/bench), while the CLI's peak RSS
 * on a 1 GiB archive grew from +5 MiB at 1 MiB to +21 at 2 MiB and +70 at 8 MiB.
 */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

/** Size of the window read around tar headers while indexing an uncompressed archive. */
export const HEADER_WINDOW_BYTES = 64 * 1024;
