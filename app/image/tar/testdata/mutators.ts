// Test-only: structure-aware mutations of small tars for the Go reference corpus
// (makeMutations.ts). Each mutator edits one part of an archive held as members — header
// fields in odd numeric forms, typeflags, names, formats, pax and GNU records with odd or
// empty values, sparse maps, zero blocks, trailing bytes, truncation — and says what it did.

import { itemAt } from "../../util/itemAt.ts";
import {
  BLOCK,
  type Bytes,
  bytes,
  concat,
  FIELDS,
  type Field,
  header,
  latin1,
  MAGIC,
  octal,
  padded,
  paxRecord,
  seal,
  setField,
} from "./rawTar.ts";

/** A deterministic generator (mulberry32), so the corpus is the same on every run. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return itemAt(items, this.int(items.length));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(length: number, from = 0, to = 256): Bytes {
    return Uint8Array.from({ length }, () => from + this.int(to - from));
  }
}

interface Member {
  /** Raw bytes placed before the member: record members, stray zero blocks. */
  before: Bytes[];
  header: Bytes;
  /** Blocks between the header and the data (old GNU sparse extension blocks). */
  extra: Bytes[];
  data: Bytes;
}

export interface Archive {
  members: Member[];
  /** What follows the last member: normally two zero blocks. */
  ending: Bytes;
  /** Cut the serialized archive to this many bytes. */
  cut?: number;
}

export function serialize(archive: Archive): Bytes {
  const parts = archive.members.flatMap((m) => [...m.before, m.header, ...m.extra, padded(m.data)]);
  const whole = concat([...parts, archive.ending]);
  return archive.cut === undefined ? whole : whole.subarray(0, Math.min(archive.cut, whole.length));
}

export function member(
  name: Bytes | string,
  typeflag: string | number,
  data: Bytes = new Uint8Array(0),
  linkname = "",
): Member {
  return { before: [], header: header({ name, typeflag, size: data.length, linkname }), extra: [], data };
}

/** A record member (pax 'x' / 'g', GNU 'L' / 'K') holding `data`. */
function recordMember(name: string, typeflag: string, data: Bytes, sizeField = data.length): Bytes {
  return concat([header({ name, typeflag, size: sizeField }), padded(data)]);
}

/** Numbers in the forms writers and attackers use; the note names the form. */
function numberForm(r: Random, value: number, length: number): [string, Bytes] {
  const digits = value.toString(8);
  const forms: [string, () => Bytes][] = [
    ["octal", () => octal(value, length)],
    ["spaces", () => bytes(` ${digits} \0`.padStart(length, " ").slice(-length))],
    ["no terminator", () => bytes(digits.padStart(length, "0"))],
    ["NUL then digits", () => bytes(`${digits}\x0017`)],
    ["inner space", () => bytes(`${digits.slice(0, 1)} ${digits.slice(1)}1\0`)],
    ["all NUL", () => new Uint8Array(length)],
    ["all spaces", () => bytes(" ".repeat(length))],
    ["plus sign", () => bytes(`+${digits}\0`)],
    ["digit 8", () => bytes(`${digits}8\0`)],
    ["leading NULs", () => bytes(`\0\0${digits}`)],
    ["non-ASCII", () => concat([bytes(digits), latin1("\xc3\xa9")])],
    ["base-256", () => base256(BigInt(value), length)],
    ["base-256 negative", () => base256(-BigInt(value) - 1n, length)],
    ["base-256 overflow", () => Uint8Array.from({ length }, (_, i) => (i === 0 ? 0x80 : 0xff))],
  ];
  const [name, make] = r.pick(forms);
  return [name, make()];
}

function base256(value: bigint, length: number): Bytes {
  const out = new Uint8Array(length);
  let v = BigInt.asUintN(8 * length, value);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  out[0] = (itemAt(out, 0) & 0x7f) | 0x80 | (value < 0n ? 0x40 : 0);
  return out;
}

const NAMES: [string, () => Bytes][] = [
  ["trailing slash", () => bytes("manifest.json/")],
  ["invalid UTF-8", () => latin1("ma\xffnifest.json")],
  ["BOM", () => bytes("\ufeffmanifest.json")],
  ["dot slash", () => bytes("./manifest.json")],
  ["empty", () => new Uint8Array(0)],
  ["NUL inside", () => latin1("manifest.json\x00evil")],
  ["100 bytes, no NUL", () => bytes("n".repeat(100))],
  ["non-ASCII", () => bytes("dossier/é.txt")],
  ["double slash", () => bytes("blobs//sha256")],
];

const TYPEFLAGS = [
  0, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x78, 0x67, 0x4c, 0x4b, 0x53, 0x44, 0x4d, 0x4e, 0x56, 0x41, 0x58,
  0x01, 0xff,
];

const MODES = [0o644, 0o100644, 0o40755, 0o120777, 0o20644, 0o60644, 0o10644, 0o140644, 0o170644, 0o1100644, 0o4755];

/** pax values by key; "latin1:" marks raw bytes. */
const PAX_VALUES: Readonly<Record<string, readonly string[]>> = {
  path: [
    "renamed.json",
    "",
    "dir/",
    "latin1:a\xffb",
    "\ufeffmanifest.json",
    "latin1:x\x00y",
    "./manifest.json",
    `${"long/".repeat(30)}name`,
  ],
  linkpath: ["manifest.json", "", "latin1:a\x00b", "../escape", "latin1:\xfe"],
  size: ["0", "5", "", "+5", "-1", "-0", "abc", "1e3", "99999999999999999999", " 5", "00005", "512"],
  uid: ["0", "", "-1", "x", "9223372036854775808", "+1"],
  gid: ["0", "", "1.5"],
  mtime: ["1700000000", "1.5", "-1.5", ".5", "1.", "1.a", "", "+1.0", "1.-5", "1..2", "1234567890.1234567890123"],
  atime: ["1", "x"],
  ctime: ["1", "2.x"],
  uname: ["root", "", "latin1:r\x00t"],
  gname: ["latin1:g\x00"],
  "SCHILY.xattr.user.a": ["v", "", "latin1:a\x00b"],
  comment: ["hello", "latin1:a\x00b"],
  hdrcharset: ["BINARY"],
  constructor: ["x"],
  __proto__: ["x"],
  "GNU.sparse.name": ["sparse-name", ""],
  "GNU.sparse.major": ["1", "0", "2"],
  "GNU.sparse.minor": ["0", "1"],
  "GNU.sparse.size": ["5", "x", "-1"],
  "GNU.sparse.realsize": ["5"],
  "GNU.sparse.numblocks": ["1", "0", "x"],
  "GNU.sparse.map": ["0,5", "", "0,5,1", "x,1"],
  "GNU.sparse.offset": ["0"],
  "GNU.sparse.numbytes": ["5"],
  "latin1:key\x00nul": ["v"],
  "": ["v"],
};

function value(text: string): Bytes {
  return text.startsWith("latin1:") ? latin1(text.slice(7)) : bytes(text);
}

/** A few pax records, maybe with one flaw in how they are written. */
function paxRecords(r: Random): [string, Bytes] {
  const keys = Object.keys(PAX_VALUES);
  const chosen = Array.from({ length: 1 + r.int(4) }, () => r.pick(keys));
  const records = chosen.map((key) => [key, r.pick(PAX_VALUES[key] as readonly string[])] as const);
  let data = concat(records.map(([key, v]) => paxRecord(value(key), value(v))));
  const flaws: [string, () => Bytes][] = [
    ["", () => data],
    ["", () => data],
    ["", () => data],
    ["length+1", () => bytes(String.fromCharCode(...data).replace(/^\d+/, (n) => String(Number(n) + 1)))],
    ["length-1", () => bytes(String.fromCharCode(...data).replace(/^\d+/, (n) => String(Number(n) - 1)))],
    [
      "plus length",
      () => concat([bytes("+"), data.subarray(0, data.indexOf(0x20) - 1), data.subarray(data.indexOf(0x20))]),
    ],
    ["trailing NULs", () => concat([data, new Uint8Array(7)])],
    ["no newline", () => Uint8Array.from(data, (b, i) => (i === data.length - 1 ? 0x20 : b))],
    ["no equals", () => bytes("12 pathvalue\n")],
    ["duplicate key", () => concat([data, paxRecord(value(itemAt(chosen, 0)), "dup")])],
  ];
  const [flaw, make] = r.pick(flaws);
  data = make();
  const note = records.map(([key, v]) => `${JSON.stringify(key)}=${JSON.stringify(v)}`).join(" ");
  return [`${note}${flaw ? ` (${flaw})` : ""}`, data];
}

const LONG_VALUES: [string, () => Bytes][] = [
  ["long", () => bytes(`${"long/".repeat(30)}name.json\0`)],
  ["empty", () => new Uint8Array(0)],
  ["only NUL", () => new Uint8Array(1)],
  ["NUL inside", () => latin1("first\x00second")],
  ["no NUL", () => bytes("manifest.json")],
  ["invalid UTF-8", () => latin1("l\xffng\x00")],
  ["trailing slash", () => bytes("dir/\0")],
];

type Mutator = (r: Random, archive: Archive) => string;

function pickMember(r: Random, archive: Archive): [number, Member] {
  const index = r.int(archive.members.length);
  return [index, itemAt(archive.members, index)];
}

const numericField: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const field = r.pick<Field>([
    "size",
    "size",
    "mode",
    "uid",
    "gid",
    "mtime",
    "devmajor",
    "devminor",
    "chksum",
    "gnuAtime",
    "gnuCtime",
  ]);
  const intended = field === "size" ? r.pick([m.data.length, 0, m.data.length + 1, 600]) : r.int(0o7777);
  const [form, raw] = numberForm(r, intended, FIELDS[field][1]);
  setField(m.header, field, raw);
  if (field !== "chksum") seal(m.header);
  return `#${i} ${field}=${intended} as ${form}`;
};

const typeflag: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const flag = r.pick(TYPEFLAGS);
  m.header[156] = flag;
  seal(m.header);
  return `#${i} typeflag 0x${flag.toString(16)}`;
};

const name: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const [form, make] = r.pick(NAMES);
  setField(m.header, r.chance(0.8) ? "name" : "linkname", make());
  seal(m.header);
  return `#${i} name ${form}`;
};

const format: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const kind = r.pick(["ustar", "gnu", "v7", "star", "ustar bad version", "gnu no NUL"] as const);
  const magic =
    { "ustar bad version": latin1("ustar\x00  "), "gnu no NUL": latin1("ustar   ") }[kind as string] ??
    MAGIC[kind as keyof typeof MAGIC];
  setField(m.header, "magic", magic);
  if (kind === "star") setField(m.header, "starTrailer", latin1("tar\x00"));
  const prefix = r.pick(["", "pre", "é", "latin1:\xff", "p".repeat(155)]);
  if (prefix !== "") {
    // GNU keeps atime / ctime there; garbage in them makes Go read a prefix after all.
    m.header.fill(0, 345, 500);
    m.header.set(value(prefix).subarray(0, kind === "star" ? 131 : 155), 345);
  }
  seal(m.header);
  return `#${i} format ${kind} prefix ${JSON.stringify(prefix)}`;
};

const mode: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const bits = r.pick(MODES);
  setField(m.header, "mode", octal(bits, 8));
  seal(m.header);
  return `#${i} mode 0o${bits.toString(8)}`;
};

const paxBefore: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const [note, data] = paxRecords(r);
  const flag = r.chance(0.8) ? "x" : "g";
  m.before.push(recordMember("PaxHeaders/x", flag, data));
  return `#${i} '${flag}' ${note}`;
};

const gnuLong: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const flag = r.pick(["L", "L", "K"]);
  const [form, make] = r.pick(LONG_VALUES);
  m.before.push(recordMember("././@LongLink", flag, make()));
  return `#${i} '${flag}' ${form}`;
};

const RECORDS: [string, () => Bytes][] = [
  ["x path=A", () => recordMember("PaxHeaders/a", "x", paxRecord("path", "from-x.json"))],
  ["x path=dir/", () => recordMember("PaxHeaders/a", "x", paxRecord("path", "from-x/"))],
  ["x empty", () => recordMember("PaxHeaders/a", "x", new Uint8Array(0))],
  ["x linkpath", () => recordMember("PaxHeaders/a", "x", paxRecord("linkpath", "from-x-link"))],
  ["g path=G", () => recordMember("pax_global_header", "g", paxRecord("path", "global.json"))],
  ["g size=5", () => recordMember("pax_global_header", "g", paxRecord("size", "5"))],
  [
    "g path + bad mtime",
    () => recordMember("pax_global_header", "g", concat([paxRecord("path", "global.json"), paxRecord("mtime", "x")])),
  ],
  ["L name", () => recordMember("././@LongLink", "L", bytes("from-L.json\0"))],
  ["L empty", () => recordMember("././@LongLink", "L", new Uint8Array(0))],
  ["K link", () => recordMember("././@LongLink", "K", bytes("from-K\0"))],
];

/** Several records in a row: which one wins, and what a global header drops. */
const recordSequence: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const chosen = Array.from({ length: 2 + r.int(2) }, () => r.pick(RECORDS));
  m.before.push(...chosen.map(([, make]) => make()));
  return `#${i} records ${chosen.map(([note]) => note).join(", ")}`;
};

/** A header-only type (or the NUL flag with a trailing slash) whose "data" is a whole member. */
const smuggle: Mutator = (r, archive) => {
  const [i] = pickMember(r, archive);
  const inner = member("smuggled.json", "0", bytes('{"evil":true}'));
  const data = concat([inner.header, padded(inner.data)]);
  const [flag, outerName] = r.pick([
    ["5", "dir"],
    ["\0", "dir/"],
    ["\0", "file"],
    ["2", "link"],
    ["1", "hard"],
    ["3", "dev"],
  ] as const);
  archive.members.splice(i, 0, member(outerName, flag, data));
  return `#${i} '${flag === "\0" ? "\\0" : flag}' ${outerName} carrying a member as data`;
};

const zeroBlocks: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const count = r.pick([1, 1, 2, 3]);
  m.before.push(new Uint8Array(count * BLOCK));
  return `${count} zero blocks before #${i}`;
};

const ENDINGS: [string, () => Bytes][] = [
  ["none", () => new Uint8Array(0)],
  ["one zero block", () => new Uint8Array(BLOCK)],
  ["record padding", () => new Uint8Array(10 * 1024)],
  ["trailing byte", () => concat([new Uint8Array(1024), bytes("x")])],
  ["trailing header", () => concat([new Uint8Array(1024), member("after.json", "0", bytes("{}")).header])],
  ["zeros, then a byte far on", () => concat([new Uint8Array(5000), bytes("\x01")])],
  ["odd zeros", () => new Uint8Array(1024 + 77)],
  ["half a zero block", () => new Uint8Array(256)],
  ["zero block and a half", () => new Uint8Array(768)],
];

const ending: Mutator = (r, archive) => {
  const [form, make] = r.pick(ENDINGS);
  archive.ending = make();
  return `ending ${form}`;
};

const truncate: Mutator = (r, archive) => {
  const length = serialize(archive).length;
  archive.cut = r.chance(0.5) ? r.int(length) : Math.max(0, length - 1024 - r.int(600));
  return `cut at ${archive.cut}`;
};

const sizeMismatch: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  const size = r.pick([0, 1, m.data.length + 512, Math.max(0, m.data.length - 1)]);
  m.before.push(recordMember("PaxHeaders/x", "x", paxRecord("size", String(size))));
  return `#${i} pax size ${size} over ${m.data.length} data bytes`;
};

/** An old GNU sparse entry: fragments in the header, more in extension blocks. */
const oldSparse: Mutator = (r, archive) => {
  const [i] = pickMember(r, archive);
  const count = r.pick([0, 1, 2, 4, 5, 25, 30]);
  const fragments = Array.from({ length: count }, (_, k) => [k * 1000, 5] as const);
  const variant = r.pick([
    "valid",
    "valid",
    "overlap",
    "beyond",
    "negative",
    "not a number",
    "not GNU",
    "no extension block",
    "short data",
  ] as const);
  const realSize = variant === "beyond" ? 100 : count * 1000 + 10;
  const block = header({ name: "sparse.bin", typeflag: "S", size: 0, format: variant === "not GNU" ? "ustar" : "gnu" });
  setField(block, "gnuRealSize", octal(realSize, 12));
  const entry = (bytesAt: Bytes, at: number, [offset, length]: readonly [number, number], k: number) => {
    const start = variant === "overlap" && k === 1 ? 2 : offset;
    bytesAt.set(
      variant === "negative" && k === 0
        ? base256(-1n, 12)
        : variant === "not a number" && k === 0
          ? bytes("zz")
          : octal(start, 12),
      at,
    );
    bytesAt.set(octal(length, 12), at + 12);
  };
  fragments.slice(0, 4).forEach((f, k) => {
    entry(block, 386 + 24 * k, f, k);
  });
  const extra: Bytes[] = [];
  for (let k = 4; k < fragments.length; k += 21) {
    const ext = new Uint8Array(BLOCK);
    fragments.slice(k, k + 21).forEach((f, j) => {
      entry(ext, 24 * j, f, k + j);
    });
    if (k + 21 < fragments.length) ext[504] = 1;
    extra.push(ext);
  }
  if (extra.length > 0) block[482] = 1;
  const data = new Uint8Array(variant === "short data" ? 3 : count * 5).fill(0x61);
  setField(block, "size", octal(data.length, 12));
  seal(block);
  const keptExtra = variant === "no extension block" ? [] : extra;
  archive.members.splice(i, 0, { before: [], header: block, extra: keptExtra, data });
  return `#${i} old GNU sparse, ${count} fragments, ${variant}`;
};

/** pax GNU sparse 1.0: the map is at the start of the data. */
const paxSparse: Mutator = (r, archive) => {
  const [i] = pickMember(r, archive);
  const version = r.pick(["0.0", "0.1", "1.0"] as const);
  const records =
    version === "0.0"
      ? [
          paxRecord("GNU.sparse.size", "100"),
          paxRecord("GNU.sparse.numblocks", "1"),
          paxRecord("GNU.sparse.offset", "10"),
          paxRecord("GNU.sparse.numbytes", "5"),
        ]
      : version === "0.1"
        ? [
            paxRecord("GNU.sparse.size", "100"),
            paxRecord("GNU.sparse.numblocks", "1"),
            paxRecord("GNU.sparse.map", "10,5"),
          ]
        : [
            paxRecord("GNU.sparse.major", "1"),
            paxRecord("GNU.sparse.minor", "0"),
            paxRecord("GNU.sparse.name", "sparse.bin"),
            paxRecord("GNU.sparse.realsize", "100"),
          ];
  const data = version === "1.0" ? concat([padded(bytes("1\n10\n5\n")), bytes("aaaaa")]) : bytes("aaaaa");
  const entry = member(version === "1.0" ? "GNUSparseFile.0/sparse.bin" : "sparse.bin", "0", data);
  entry.before.push(recordMember("PaxHeaders/sparse.bin", "x", concat(records)));
  archive.members.splice(i, 0, entry);
  return `#${i} pax GNU sparse ${version}`;
};

const checksum: Mutator = (r, archive) => {
  const [i, m] = pickMember(r, archive);
  seal(m.header);
  const stored = Number.parseInt(String.fromCharCode(...m.header.subarray(148, 154)), 8);
  const form = r.pick(["spaces", "no NUL", "off by one", "signed sum", "base-256"] as const);
  let sum = stored;
  if (form === "signed sum") {
    m.header[296] = 0xff; // the last byte of uname, above 127: the signed and unsigned sums differ
    m.header.fill(0x20, 148, 156);
    sum = 0;
    for (const byte of m.header) sum += byte > 127 ? byte - 256 : byte;
  }
  const text = {
    spaces: `  ${sum.toString(8)} \0`,
    "no NUL": sum.toString(8).padStart(8, "0"),
    "off by one": `${(sum + 1).toString(8).padStart(6, "0")}\0 `,
    "signed sum": `${sum.toString(8).padStart(6, "0")}\0 `,
  }[form as string];
  setField(m.header, "chksum", text === undefined ? base256(BigInt(sum), 8) : bytes(text));
  return `#${i} checksum ${form}`;
};

export const MUTATORS: readonly [string, Mutator, number][] = [
  ["numeric field", numericField, 4],
  ["typeflag", typeflag, 3],
  ["name", name, 2],
  ["format", format, 2],
  ["mode", mode, 2],
  ["pax records", paxBefore, 5],
  ["GNU long name", gnuLong, 2],
  ["record sequence", recordSequence, 2],
  ["smuggled member", smuggle, 1],
  ["zero blocks", zeroBlocks, 1],
  ["ending", ending, 2],
  ["truncation", truncate, 1],
  ["size mismatch", sizeMismatch, 1],
  ["old GNU sparse", oldSparse, 1],
  ["pax sparse", paxSparse, 1],
  ["checksum", checksum, 1],
];
