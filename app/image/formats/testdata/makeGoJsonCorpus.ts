// Writes goJsonCorpus.json: the JSON documents of every real fixture, plus variants of a
// base document of each kind built to make JSON readers disagree (key case, ſ and Kelvin,
// duplicates, nulls, numbers, BOM, bad UTF-8, lone surrogates, trailing data, depth,
// document kinds). decodeWithGo.go reads it with Go; goReference.test.ts compares.
// Run by hand after changing it: node app/image/formats/testdata/makeGoJsonCorpus.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readTarInputs } from "../../test/rewriteTar.ts";

type Reader = "docker-manifest" | "oci-index" | "oci-manifest" | "image-config" | "oci-layout";

interface CorpusDocument {
  name: string;
  reader: Reader;
  /** The descriptor media type that leads to the document ("" for manifest.json, index.json, configs). */
  listedAs: string;
  text?: string;
  base64?: string;
}

// ---------- a tiny JSON writer that can write what JSON.stringify cannot ----------

/** Written verbatim: numbers like 1.0, strings with chosen escapes. */
class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
/** An object with ordered, possibly repeated keys; `map` marks Go maps (exact keys). */
class Obj {
  readonly entries: [string | Raw, Node][];
  readonly map: boolean;
  constructor(entries: [string | Raw, Node][], map = false) {
    this.entries = entries;
    this.map = map;
  }
}
type Node = null | boolean | number | string | Raw | Obj | Node[];

function write(node: Node): string {
  if (node instanceof Raw) return node.text;
  if (node instanceof Obj)
    return `{${node.entries.map(([key, value]) => `${key instanceof Raw ? key.text : JSON.stringify(key)}:${write(value)}`).join(",")}}`;
  if (Array.isArray(node)) return `[${node.map(write).join(",")}]`;
  return JSON.stringify(node);
}

const obj = (record: Record<string, Node>, map = false) => new Obj(Object.entries(record), map);

// ---------- base documents ----------

const hex = (c: string) => c.repeat(64);
const D = (c: string) => `sha256:${hex(c)}`;
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

const platform = () => obj({ architecture: "arm", os: "linux", variant: "v7", "os.version": "6.1" });
const descriptor = (mediaType: string, digest: string, size: number, extra: Record<string, Node> = {}) =>
  obj({ mediaType, digest, size, ...extra });

const bases: { name: string; reader: Reader; listedAs: string; node: Node }[] = [
  {
    name: "docker manifest.json",
    reader: "docker-manifest",
    listedAs: "",
    node: [obj({ Config: `${hex("c")}.json`, RepoTags: ["example/app:1"], Layers: ["a1/layer.tar", "b2/layer.tar"] })],
  },
  {
    name: "index.json",
    reader: "oci-index",
    listedAs: "",
    node: obj({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        descriptor(OCI_MANIFEST, D("a"), 500, {
          annotations: obj({ "org.opencontainers.image.ref.name": "example/app:1" }, true),
          platform: platform(),
        }),
      ],
    }),
  },
  {
    name: "image index blob",
    reader: "oci-index",
    listedAs: OCI_INDEX,
    node: obj({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        descriptor(OCI_MANIFEST, D("a"), 500, { platform: platform() }),
        descriptor(OCI_MANIFEST, D("b"), 501, { urls: ["https://example.com/b"] }),
      ],
    }),
  },
  {
    name: "image manifest blob",
    reader: "oci-manifest",
    listedAs: OCI_MANIFEST,
    node: obj({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: descriptor(OCI_CONFIG, D("c"), 300),
      layers: [descriptor(OCI_LAYER, D("d"), 1000), descriptor(OCI_LAYER, D("e"), 2000)],
    }),
  },
  {
    name: "docker v2 manifest blob",
    reader: "oci-manifest",
    listedAs: DOCKER_MANIFEST,
    node: obj({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: descriptor("application/vnd.docker.container.image.v1+json", D("c"), 300),
      layers: [descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", D("d"), 1000)],
    }),
  },
  {
    name: "image config",
    reader: "image-config",
    listedAs: "",
    node: obj({
      architecture: "arm64",
      os: "linux",
      variant: "v8",
      created: "2026-01-01T00:00:00Z",
      config: obj({ Cmd: ["/app"] }),
      rootfs: obj({ type: "layers", diff_ids: [D("1"), D("2")] }),
    }),
  },
  { name: "oci-layout", reader: "oci-layout", listedAs: "", node: obj({ imageLayoutVersion: "1.0.0" }) },
];

// ---------- variants ----------

/** Another valid value of the same kind, so a reader that picks the other copy reads something else. */
function other(node: Node): Node {
  if (typeof node === "string") return node.startsWith("sha256:") ? D("f") : `${node}-other`;
  if (typeof node === "number") return node + 7;
  if (Array.isArray(node)) return node.length > 0 ? [...node].reverse().map(other) : ["other"];
  // A partial copy: Go merges a repeated object into the first, JSON.parse replaces it.
  if (node instanceof Obj)
    return new Obj(
      node.entries.slice(0, 1).map(([key, value]) => [key, other(value)]),
      node.map,
    );
  return node;
}

const swapCase = (key: string) =>
  [...key].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
const escaped = (key: string) =>
  new Raw(`"\\u${(key.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}${key.slice(1)}"`);

/** Every way to rewrite one key of a struct object. */
function keyVariants(key: string, value: Node): [string, (Obj: Obj, i: number) => Obj][] {
  const replace = (entries: [string | Raw, Node][], i: number, ...with_: [string | Raw, Node][]) => [
    ...entries.slice(0, i),
    ...with_,
    ...entries.slice(i + 1),
  ];
  const variants: [string, (o: Obj, i: number) => Obj][] = [
    ["upper case", (o, i) => new Obj(replace(o.entries, i, [key.toUpperCase(), value]))],
    ["lower case", (o, i) => new Obj(replace(o.entries, i, [key.toLowerCase(), value]))],
    ["swapped case", (o, i) => new Obj(replace(o.entries, i, [swapCase(key), value]))],
    ["escaped key", (o, i) => new Obj(replace(o.entries, i, [escaped(key), value]))],
    ["twice", (o, i) => new Obj(replace(o.entries, i, [key, value], [key, other(value)]))],
    ["twice, the same value", (o, i) => new Obj(replace(o.entries, i, [key, value], [key, value]))],
    ["then a case variant", (o, i) => new Obj([...replace(o.entries, i, [key, value]), [swapCase(key), other(value)]])],
    ["after a case variant", (o, i) => new Obj(replace(o.entries, i, [swapCase(key), other(value)], [key, value]))],
    [
      "then a case variant set to null",
      (o, i) => new Obj([...replace(o.entries, i, [key, value]), [key.toUpperCase(), null]]),
    ],
    ["null", (o, i) => new Obj(replace(o.entries, i, [key, null]))],
    ["absent", (o, i) => new Obj(replace(o.entries, i))],
  ];
  const s = key.search(/s/i);
  if (s >= 0) {
    const longS = `${key.slice(0, s)}\u017f${key.slice(s + 1)}`;
    variants.push(["with ſ for s", (o, i) => new Obj(replace(o.entries, i, [longS, value]))]);
    variants.push([
      "then with ſ for s",
      (o, i) => new Obj([...replace(o.entries, i, [key, value]), [longS, other(value)]]),
    ]);
  }
  const k = key.search(/k/i);
  if (k >= 0) {
    const kelvin = `${key.slice(0, k)}\u212a${key.slice(k + 1)}`;
    variants.push(["with Kelvin for k", (o, i) => new Obj(replace(o.entries, i, [kelvin, value]))]);
    variants.push([
      "then with Kelvin for k",
      (o, i) => new Obj([...replace(o.entries, i, [key, value]), [kelvin, other(value)]]),
    ]);
  }
  return variants;
}

/** Rebuilds `node` with the object at `path` replaced by `edit(object)`. */
function editAt(node: Node, path: readonly (string | number)[], edit: (o: Obj) => Node): Node {
  if (path.length === 0) return edit(node as Obj);
  const [step, ...rest] = path;
  if (Array.isArray(node)) return node.map((item, i) => (i === step ? editAt(item, rest, edit) : item));
  if (node instanceof Obj)
    return new Obj(
      node.entries.map(([key, value]) => [key, key === step ? editAt(value, rest, edit) : value]),
      node.map,
    );
  return node;
}

/** Paths of every object in the document, with whether it is a Go map. */
function objects(node: Node, path: (string | number)[] = []): { path: (string | number)[]; object: Obj }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => objects(item, [...path, i]));
  if (!(node instanceof Obj)) return [];
  return [
    { path, object: node },
    ...node.entries.flatMap(([key, value]) => (typeof key === "string" ? objects(value, [...path, key]) : [])),
  ];
}

const where = (path: readonly (string | number)[]) =>
  path.length === 0 ? "the document" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");

function variantsOf(base: (typeof bases)[number]): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const add = (name: string, text: string, listedAs = base.listedAs) =>
    documents.push({ name: `${base.name}: ${name}`, reader: base.reader, listedAs, text });
  const text = write(base.node);
  add("as written", text);
  for (const { path, object } of objects(base.node)) {
    for (const [i, [key, value]] of object.entries.entries()) {
      if (typeof key !== "string") continue;
      if (object.map) {
        add(
          `${where(path)} map key ${key} beside its case variant`,
          write(editAt(base.node, path, (o) => new Obj([...o.entries, [swapCase(key), "other"]], true))),
        );
        continue;
      }
      for (const [variant, edit] of keyVariants(key, value)) {
        add(`${where(path)}.${key} ${variant}`, write(editAt(base.node, path, (o) => edit(o, i))));
      }
    }
    if (!object.map) {
      add(
        `${where(path)} with an unknown key`,
        write(editAt(base.node, path, (o) => new Obj([...o.entries, ["x-unknown", [1, obj({ a: null })]]]))),
      );
      add(
        `${where(path)} with two unknown keys in two cases`,
        write(editAt(base.node, path, (o) => new Obj([...o.entries, ["Xtra", 1], ["xTRA", 2]]))),
      );
    }
  }
  // The whole text.
  add("with a BOM", `\ufeff${text}`);
  add("with leading and trailing whitespace", ` \t\r\n${text}\n\n`);
  add("with a second document after it", `${text}\n${text}`);
  add("with a NUL after it", `${text}\0`);
  add("with garbage after it", `${text} x`);
  add("cut short", text.slice(0, -1));
  const firstString = text.indexOf('":"') + 3;
  add("with a lone high surrogate in a string", `${text.slice(0, firstString)}\\ud800${text.slice(firstString)}`);
  add("with a lone low surrogate in a string", `${text.slice(0, firstString)}\\udc00${text.slice(firstString)}`);
  add(
    "with a high surrogate then a non-surrogate escape",
    `${text.slice(0, firstString)}\\ud800\\u0041${text.slice(firstString)}`,
  );
  add("with a surrogate pair in a string", `${text.slice(0, firstString)}\\ud83d\\ude00${text.slice(firstString)}`);
  add("with a raw control character in a string", `${text.slice(0, firstString)}\t${text.slice(firstString)}`);
  const bytes = new TextEncoder().encode(text);
  const at = new TextEncoder().encode(text.slice(0, firstString)).length;
  for (const [name, bad] of [
    ["0xff", [0xff]],
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["an overlong slash", [0xc0, 0xaf]],
  ] as const) {
    const mixed = new Uint8Array([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]);
    documents.push({
      name: `${base.name}: with ${name} inside a string`,
      reader: base.reader,
      listedAs: base.listedAs,
      base64: Buffer.from(mixed).toString("base64"),
    });
  }
  documents.push({
    name: `${base.name}: with 0xff outside a string`,
    reader: base.reader,
    listedAs: base.listedAs,
    base64: Buffer.from(new Uint8Array([...bytes, 0x20, 0xff])).toString("base64"),
  });
  documents.push({
    name: `${base.name}: in UTF-16`,
    reader: base.reader,
    listedAs: base.listedAs,
    base64: Buffer.from(`\ufeff${text}`, "utf16le").toString("base64"),
  });
  // Depth, in an unknown field of the first object (past Go's 10,000 levels only once: it is big).
  for (const depth of base.reader === "oci-layout" ? [600, 10_000, 10_001] : [600]) {
    const firstObject = text.indexOf("{") + 1;
    add(
      `with an unknown field nested ${depth} deep`,
      `${text.slice(0, firstObject)}"x-deep":${"[".repeat(depth)}${"]".repeat(depth)},${text.slice(firstObject)}`,
    );
  }
  return documents;
}

/** Numbers where Go reads integers: sizes and schemaVersion. */
function numberVariants(): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const manifest = (size: string, schemaVersion = "2") =>
    `{"schemaVersion":${schemaVersion},"mediaType":"${OCI_MANIFEST}","config":{"mediaType":"${OCI_CONFIG}","digest":"${D("c")}","size":${size}},"layers":[]}`;
  for (const size of [
    "300",
    "0",
    "-0",
    "300.0",
    "3e2",
    "3E+2",
    "300.5",
    "-1",
    "9007199254740991",
    "9007199254740992",
    "9223372036854775807",
    "9223372036854775808",
    "1e400",
    '"300"',
    "true",
    "null",
    "[300]",
  ]) {
    documents.push({
      name: `image manifest blob: config.size ${size}`,
      reader: "oci-manifest",
      listedAs: OCI_MANIFEST,
      text: manifest(size),
    });
  }
  for (const version of ["2.0", "2e0", '"2"', "1", "3", "-2", "null"]) {
    documents.push({
      name: `image manifest blob: schemaVersion ${version}`,
      reader: "oci-manifest",
      listedAs: OCI_MANIFEST,
      text: manifest("300", version),
    });
  }
  return documents;
}

/** Index or manifest? Fields, own mediaType and the descriptor's must agree. */
function kindVariants(): CorpusDocument[] {
  const config = `{"mediaType":"${OCI_CONFIG}","digest":"${D("c")}","size":300}`;
  const layer = `{"mediaType":"${OCI_LAYER}","digest":"${D("d")}","size":1000}`;
  const child = `{"mediaType":"${OCI_MANIFEST}","digest":"${D("a")}","size":500}`;
  const documents: CorpusDocument[] = [];
  const add = (name: string, reader: Reader, listedAs: string, text: string) =>
    documents.push({ name: `document kind: ${name}`, reader, listedAs, text });
  for (const [reader, listedAs] of [
    ["oci-manifest", OCI_MANIFEST],
    ["oci-manifest", DOCKER_MANIFEST],
  ] as const) {
    const own = listedAs;
    add(
      `${listedAs} with manifests`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"manifests":[${child}]}`,
    );
    add(
      `${listedAs} with Manifests`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"Manifests":[${child}]}`,
    );
    add(
      `${listedAs} with manifests null`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"manifests":null}`,
    );
    add(
      `${listedAs} with manifests empty`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"manifests":[]}`,
    );
    add(
      `${listedAs} saying it is an index`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${OCI_INDEX}","config":${config},"layers":[${layer}]}`,
    );
    add(
      `${listedAs} saying it is a Docker list`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${DOCKER_LIST}","config":${config},"layers":[${layer}]}`,
    );
    add(
      `${listedAs} with no mediaType`,
      reader,
      listedAs,
      `{"schemaVersion":2,"config":${config},"layers":[${layer}]}`,
    );
    add(
      `${listedAs} with fsLayers`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"fsLayers":[]}`,
    );
    add(
      `${listedAs} with history`,
      reader,
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","config":${config},"layers":[${layer}],"history":[]}`,
    );
  }
  add(
    "OCI manifest saying it is a Docker manifest",
    "oci-manifest",
    OCI_MANIFEST,
    `{"schemaVersion":2,"mediaType":"${DOCKER_MANIFEST}","config":${config},"layers":[${layer}]}`,
  );
  for (const listedAs of [OCI_INDEX, DOCKER_LIST, ""]) {
    const label = listedAs || "index.json";
    const own = listedAs || OCI_INDEX;
    add(
      `${label} with layers`,
      "oci-index",
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","manifests":[${child}],"layers":[${layer}]}`,
    );
    add(
      `${label} with config`,
      "oci-index",
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","manifests":[${child}],"config":${config}}`,
    );
    add(
      `${label} with CONFIG null`,
      "oci-index",
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","manifests":[${child}],"CONFIG":null}`,
    );
    add(
      `${label} saying it is a manifest`,
      "oci-index",
      listedAs,
      `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","manifests":[${child}]}`,
    );
    add(`${label} with no mediaType`, "oci-index", listedAs, `{"schemaVersion":2,"manifests":[${child}]}`);
    add(
      `${label} with fsLayers`,
      "oci-index",
      listedAs,
      `{"schemaVersion":2,"mediaType":"${own}","manifests":[${child}],"fsLayers":[]}`,
    );
  }
  return documents;
}

/** Fields the engine does not read but Go decodes, with values of the wrong type. */
function unreadFieldVariants(): CorpusDocument[] {
  return [
    {
      name: "docker manifest.json: Parent a number",
      reader: "docker-manifest",
      listedAs: "",
      text: `[{"Config":"c.json","RepoTags":[],"Layers":[],"Parent":5}]`,
    },
    {
      name: "docker manifest.json: LayerSources a string",
      reader: "docker-manifest",
      listedAs: "",
      text: `[{"Config":"c.json","RepoTags":[],"Layers":[],"LayerSources":"x"}]`,
    },
    {
      name: "image manifest blob: config.data not base64",
      reader: "oci-manifest",
      listedAs: OCI_MANIFEST,
      text: `{"schemaVersion":2,"config":{"digest":"${D("c")}","size":1,"data":"!!"},"layers":[]}`,
    },
    {
      name: "image config: created not a time",
      reader: "image-config",
      listedAs: "",
      text: `{"os":"linux","architecture":"amd64","created":"yesterday","rootfs":{"type":"layers","diff_ids":[]}}`,
    },
  ];
}

/** The JSON documents of the real fixtures, each once. */
async function fixtureDocuments(): Promise<CorpusDocument[]> {
  const folder = new URL("../../fixtures/", import.meta.url);
  const seen = new Set<string>();
  const documents: CorpusDocument[] = [];
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith(".tar"))
    .sort()) {
    for (const entry of await readTarInputs(new Uint8Array(readFileSync(new URL(file, folder))))) {
      const data = entry.data instanceof Uint8Array ? entry.data : new TextEncoder().encode(entry.data ?? "");
      if (data.length === 0 || data.length > 64 * 1024 || (data[0] !== 0x7b && data[0] !== 0x5b)) continue;
      const text = new TextDecoder().decode(data);
      if (seen.has(text)) continue;
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      const reader: Reader | null =
        entry.path === "manifest.json"
          ? "docker-manifest"
          : entry.path === "index.json"
            ? "oci-index"
            : entry.path === "oci-layout"
              ? "oci-layout"
              : "manifests" in value
                ? "oci-index"
                : "layers" in value
                  ? "oci-manifest"
                  : "rootfs" in value
                    ? "image-config"
                    : null;
      if (reader === null) continue;
      seen.add(text);
      const listedAs =
        entry.path.startsWith("blobs/") && typeof value.mediaType === "string" && reader !== "image-config"
          ? value.mediaType
          : "";
      documents.push({ name: `fixture ${file}: ${entry.path}`, reader, listedAs, text });
    }
  }
  return documents;
}

const documents = [
  ...(await fixtureDocuments()),
  ...bases.flatMap(variantsOf),
  ...numberVariants(),
  ...kindVariants(),
  ...unreadFieldVariants(),
];
const names = new Set(documents.map((d) => d.name));
if (names.size !== documents.length) throw new Error("corpus names must be unique");
// One document a line: diffs show which documents changed.
writeFileSync(
  new URL("goJsonCorpus.json", import.meta.url),
  `{"documents":[\n${documents.map((d) => JSON.stringify(d)).join(",\n")}\n]}\n`,
);
console.log(`${documents.length} documents`);
