// Tar-level tricks. Each makes `tricky(P, content)`: pieces that some tar reader takes as the
// regular file P holding `content` and another reader does not (a pax record it ignores, a
// typeflag it reads otherwise, a name it normalizes differently). A mutation writes the
// tricky pieces next to a partner holding the other content at P, in both orders and with
// the benign and the evil content swapped, so whichever reader misreads, one case loads
// the evil image. `goReads` says what Go's archive/tar (docker, containerd, containers/image)
// is expected to make of the tricky pieces; the loaders are the judge, this is a label.
import { concat, fileRecord, padded, type TarPiece, utf8, writeTar } from "./tarWriter.ts";

type TrickFamily = "tar-header" | "sparse" | "typeflag" | "path-alias" | "path-through-link" | "duplicate";

/** Who should see the partner: "plain" (everyone), "hidden" (only readers ignoring pax). */
type Partner = "plain" | "hidden";

export interface TarTrick {
  name: string;
  family: TrickFamily;
  goReads: string;
  partner: Partner;
  /** Only for targets inside a folder (path-through-link, a//b). */
  nestedOnly?: boolean;
  /** The pieces go at the end of the archive (after every other entry), not in the target's place. */
  atEnd?: boolean;
  tricky(path: string, content: Uint8Array): TarPiece[];
}

const decoy = (path: string) => `${path}_shadow`;
const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));
const baseOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** The partner only a reader that ignores pax sees at P: Go reads it as the decoy name. */
export function hiddenPartner(path: string, content: Uint8Array): TarPiece {
  return fileRecord(path, content, { pax: [["path", decoy(path)]] });
}

/** Entry P=content wrapped inside the data of an entry whose header size and pax size disagree. */
function sizeDesync(path: string, content: Uint8Array, paxHides: boolean): TarPiece[] {
  const filler = utf8(" ".repeat(512));
  const embedded = writeTar([fileRecord(path, content)], { end: false });
  const data = concat([filler, embedded]);
  const [big, small] = [data.length, filler.length];
  // paxHides: Go honours the pax size (all of it is data); a header-size reader finds P inside
  return [
    fileRecord(decoy(path), paxHides ? data : filler, {
      headerSize: paxHides ? small : big,
      pax: [["size", String(paxHides ? big : small)]],
    }),
    ...(paxHides ? [] : [{ raw: padded(embedded) }]),
  ];
}

function sparse10(path: string, content: Uint8Array): TarPiece[] {
  const map = padded(utf8(`1\n0\n${content.length}\n`));
  return [
    fileRecord(`GNUSparseFile.0/${baseOf(path)}`, concat([map, content]), {
      pax: [
        ["GNU.sparse.major", "1"],
        ["GNU.sparse.minor", "0"],
        ["GNU.sparse.name", path],
        ["GNU.sparse.realsize", String(content.length)],
      ],
    }),
  ];
}

function sparse01(path: string, content: Uint8Array): TarPiece[] {
  return [
    fileRecord(decoy(path), content, {
      pax: [
        ["GNU.sparse.numblocks", "1"],
        ["GNU.sparse.offset", "0"],
        ["GNU.sparse.numbytes", String(content.length)],
        ["GNU.sparse.map", `0,${content.length}`],
        ["GNU.sparse.name", path],
        ["GNU.sparse.size", String(content.length)],
      ],
    }),
  ];
}

const withType =
  (type: string, extra: Record<string, unknown> = {}) =>
  (path: string, content: Uint8Array): TarPiece[] => [{ record: { name: path, type, data: content, ...extra } }];

export const TAR_TRICKS: readonly TarTrick[] = [
  // pax and GNU records
  {
    name: "pax-path",
    family: "tar-header",
    goReads: "P (pax path overrides the header name)",
    partner: "hidden",
    tricky: (p, c) => [fileRecord(decoy(p), c, { pax: [["path", p]] })],
  },
  {
    name: "pax-path-twice",
    family: "tar-header",
    goReads: "P (the last of two pax path records)",
    partner: "hidden",
    tricky: (p, c) => [
      fileRecord(decoy(p), c, {
        pax: [
          ["path", decoy(p)],
          ["path", p],
        ],
      }),
    ],
  },
  {
    name: "pax-path-dot-slash",
    family: "tar-header",
    goReads: "./P",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c, { pax: [["path", `./${p}`]] })],
  },
  {
    name: "pax-path-trailing-slash",
    family: "tar-header",
    goReads: "P/ (a regular file named with a slash)",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c, { pax: [["path", `${p}/`]] })],
  },
  {
    name: "pax-path-empty",
    family: "tar-header",
    goReads: "an empty name",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { pax: [["path", ""]] })],
  },
  {
    name: "pax-path-nul",
    family: "tar-header",
    goReads: "nothing: a NUL in a pax path is ErrHeader",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c, { pax: [["path", `${p}\0x`]] })],
  },
  {
    name: "pax-linkpath-on-file",
    family: "tar-header",
    goReads: "P, a regular file with a Linkname",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { pax: [["linkpath", decoy(p)]] })],
  },
  {
    name: "pax-unknown-keys",
    family: "tar-header",
    goReads: "P (vendor and unknown keys kept in PAXRecords)",
    partner: "plain",
    tricky: (p, c) => [
      fileRecord(p, c, {
        pax: [
          ["SCHILY.xattr.user.x", "1"],
          ["LIBARCHIVE.creationtime", "1"],
          ["imageseal.unknown", "x"],
          ["comment", ""],
        ],
      }),
    ],
  },
  {
    name: "pax-malformed-length",
    family: "tar-header",
    goReads: "nothing: ErrHeader",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { paxRaw: utf8(`99 path=${decoy(p)}\n`) })],
  },
  {
    name: "pax-size-hides-entry",
    family: "tar-header",
    goReads: "a decoy whose pax size swallows an embedded P",
    partner: "plain",
    tricky: (p, c) => sizeDesync(p, c, true),
  },
  {
    name: "pax-size-reveals-entry",
    family: "tar-header",
    goReads: "P (pax size shorter than the header size)",
    partner: "hidden",
    tricky: (p, c) => sizeDesync(p, c, false),
  },
  {
    name: "pax-global-path",
    family: "tar-header",
    goReads: "a 'g' entry named P, then the decoy",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c, { globalPax: [["path", p]] })],
  },
  {
    name: "gnu-longname",
    family: "tar-header",
    goReads: "P",
    partner: "hidden",
    tricky: (p, c) => [fileRecord(decoy(p), c, { gnuLongName: utf8(`${p}\0`), magic: "gnu" })],
  },
  {
    name: "gnu-longname-no-nul",
    family: "tar-header",
    goReads: "P",
    partner: "hidden",
    tricky: (p, c) => [fileRecord(decoy(p), c, { gnuLongName: utf8(p), magic: "gnu" })],
  },
  {
    name: "gnu-longname-trailing-bytes",
    family: "tar-header",
    goReads: "P (cut at the first NUL)",
    partner: "hidden",
    tricky: (p, c) => [fileRecord(decoy(p), c, { gnuLongName: utf8(`${p}\0${decoy(p)}`), magic: "gnu" })],
  },
  {
    name: "gnu-longname-empty",
    family: "tar-header",
    goReads: "an empty name",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { gnuLongName: new Uint8Array(0), magic: "gnu" })],
  },
  {
    name: "gnu-longname-twice",
    family: "tar-header",
    goReads: "the second long name (decoy)",
    partner: "plain",
    tricky: (p, c) => [
      {
        raw: writeTar([fileRecord("x", new Uint8Array(0), { gnuLongName: utf8(`${p}\0`), magic: "gnu" })], {
          end: false,
        }).subarray(0, 1024),
      },
      fileRecord(decoy(p), c, { gnuLongName: utf8(`${decoy(p)}\0`), magic: "gnu" }),
    ],
  },
  {
    name: "gnu-longlink-on-file",
    family: "tar-header",
    goReads: "P, a regular file with a Linkname",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { gnuLongLink: utf8(`${decoy(p)}\0`), magic: "gnu" })],
  },
  {
    name: "gnu-magic-with-prefix",
    family: "tar-header",
    goReads: "P (GNU headers have no prefix field)",
    partner: "hidden",
    tricky: (p, c) => [fileRecord(p, c, { magic: "gnu", prefix: "shadowdir" })],
  },
  {
    name: "v7-header-with-prefix",
    family: "tar-header",
    goReads: "P (V7 headers have no prefix field)",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { magic: "v7", prefix: "shadowdir" })],
  },
  {
    name: "ustar-prefix-dot",
    family: "tar-header",
    goReads: "./P",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { prefix: "." })],
  },
  {
    name: "base256-size",
    family: "tar-header",
    goReads: "P (GNU base-256 size)",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c, { binarySize: true, magic: "gnu" })],
  },
  // sparse files: the logical bytes differ from the stored bytes
  {
    name: "sparse-pax-1.0",
    family: "sparse",
    goReads: "P, its logical bytes = the content (the map is in the data)",
    partner: "hidden",
    tricky: sparse10,
  },
  {
    name: "sparse-pax-0.1",
    family: "sparse",
    goReads: "P (GNU.sparse.name), one region",
    partner: "hidden",
    tricky: sparse01,
  },
  {
    name: "sparse-old-gnu",
    family: "sparse",
    goReads: "P, type 'S' expanded to its real size",
    partner: "plain",
    tricky: (p, c) => [
      {
        record: {
          name: p,
          type: "S",
          data: c,
          magic: "gnu",
          gnuSparse: { regions: [[0, c.length]], realSize: c.length },
        },
      },
    ],
  },
  {
    name: "sparse-old-gnu-hole",
    family: "sparse",
    goReads: "P = 512 NULs + the content",
    partner: "plain",
    tricky: (p, c) => [
      {
        record: {
          name: p,
          type: "S",
          data: c,
          magic: "gnu",
          gnuSparse: { regions: [[512, c.length]], realSize: c.length + 512 },
        },
      },
    ],
  },
  // typeflags and mode bits
  {
    name: "typeflag-nul",
    family: "typeflag",
    goReads: "P, a regular file (TypeRegA)",
    partner: "plain",
    tricky: withType("\0"),
  },
  {
    name: "typeflag-nul-trailing-slash",
    family: "typeflag",
    goReads: "a directory P/ (old-style flag + slash)",
    partner: "plain",
    tricky: (p, c) => [{ record: { name: `${p}/`, type: "\0", data: c } }],
  },
  {
    name: "regular-trailing-slash",
    family: "typeflag",
    goReads: "a regular file named P/",
    partner: "plain",
    tricky: (p, c) => [fileRecord(`${p}/`, c)],
  },
  {
    name: "directory-with-data",
    family: "typeflag",
    goReads: "a directory P (its data skipped)",
    partner: "plain",
    tricky: withType("5"),
  },
  {
    name: "symlink-with-data",
    family: "typeflag",
    goReads: "a symlink P (its data skipped)",
    partner: "plain",
    tricky: (p, c) => [{ record: { name: p, type: "2", linkname: decoy(p), data: c } }],
  },
  {
    name: "hardlink-with-data",
    family: "typeflag",
    goReads: "a hard link P (its data skipped)",
    partner: "plain",
    tricky: (p, c) => [{ record: { name: p, type: "1", linkname: decoy(p), data: c } }],
  },
  {
    name: "symlink-to-shadow",
    family: "typeflag",
    goReads: "a symlink P → decoy holding the content",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c), { record: { name: p, type: "2", linkname: baseOf(decoy(p)) } }],
  },
  {
    name: "hardlink-to-shadow",
    family: "typeflag",
    goReads: "a hard link P → decoy holding the content",
    partner: "plain",
    tricky: (p, c) => [fileRecord(decoy(p), c), { record: { name: p, type: "1", linkname: decoy(p) } }],
  },
  ...["7", "Z", "V", "M", "N", "A"].map(
    (type): TarTrick => ({
      name: `typeflag-${type}`,
      family: "typeflag",
      goReads: `P with typeflag '${type}'`,
      partner: "plain",
      tricky: withType(type),
    }),
  ),
  ...(
    [
      ["dir", 0o40755],
      ["symlink", 0o120777],
      ["fifo", 0o10644],
      ["socket", 0o140644],
    ] as const
  ).map(
    ([kind, mode]): TarTrick => ({
      name: `mode-${kind}-bits`,
      family: "typeflag",
      goReads: `P, a regular file (typeflag '0', mode says ${kind})`,
      partner: "plain",
      tricky: withType("0", { mode }),
    }),
  ),
  // names that alias P
  ...(
    [
      ["dot-slash", (p: string) => `./${p}`],
      ["absolute", (p: string) => `/${p}`],
      ["trailing-dot", (p: string) => `${p}/.`],
      ["dot-dot", (p: string) => `shadowdir/../${p}`],
      ["upper-case", (p: string) => p.toUpperCase()],
      ["double-slash-end", (p: string) => `${p}//`],
      ["dot-dot-slash-dot", (p: string) => `./././${p}`],
    ] as const
  ).map(
    ([name, alias]): TarTrick => ({
      name: `alias-${name}`,
      family: "path-alias",
      goReads: `a file named ${alias("P")}`,
      partner: "plain",
      tricky: (p, c) => [fileRecord(alias(p), c)],
    }),
  ),
  {
    name: "alias-double-slash",
    family: "path-alias",
    goReads: "a file named a//b",
    partner: "plain",
    nestedOnly: true,
    tricky: (p, c) => [fileRecord(p.replace("/", "//"), c)],
  },
  {
    name: "parent-is-symlink",
    family: "path-through-link",
    goReads: "shadow/<name>, then a symlink <dir> → shadow: P only through the link",
    partner: "plain",
    nestedOnly: true,
    atEnd: true,
    tricky: (p, c) => [
      { record: { name: "shadowdir/", type: "5", mode: 0o755 } },
      fileRecord(`shadowdir/${baseOf(p)}`, c),
      {
        record: {
          name: parentOf(p),
          type: "2",
          linkname: parentOf(p)
            .split("/")
            .map(() => "..")
            .slice(1)
            .concat("shadowdir")
            .join("/"),
        },
      },
    ],
  },
  {
    name: "duplicate",
    family: "duplicate",
    goReads: "P twice",
    partner: "plain",
    tricky: (p, c) => [fileRecord(p, c)],
  },
];
