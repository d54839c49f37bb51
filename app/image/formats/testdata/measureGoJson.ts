// Decoder speed against JSON.parse on ~1 MiB documents shaped like real ones (an image index
// with many descriptors; a manifest.json with many images). Run by hand:
//   node app/image/formats/testdata/measureGoJson.ts
import { decodeJson } from "../decodeJson.ts";
import { decodeGoJson } from "../goJson.ts";

const digest = (i: number) => `sha256:${i.toString(16).padStart(64, "0")}`;
const descriptor = (i: number) => ({
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  digest: digest(i),
  size: 1000 + i,
  annotations: {
    "org.opencontainers.image.ref.name": `example/app:${i}`,
    "io.containerd.image.name": `docker.io/example/app:${i}`,
  },
  platform: { architecture: "amd64", os: "linux" },
});

function documentOf(build: (i: number) => unknown, wrap: (items: unknown[]) => unknown): string {
  const items: unknown[] = [];
  let text = "";
  for (let i = 0; text.length < 1024 * 1024; i += 64) {
    for (let j = i; j < i + 64; j++) items.push(build(j));
    text = JSON.stringify(wrap(items));
  }
  return text;
}

const documents: [string, string][] = [
  [
    "image index, 1 MiB",
    documentOf(descriptor, (manifests) => ({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests,
    })),
  ],
  [
    "manifest.json, 1 MiB",
    documentOf(
      (i) => ({
        Config: `blobs/sha256/${digest(i).slice(7)}`,
        RepoTags: [`example/app:${i}`],
        Layers: [0, 1, 2].map((l) => `blobs/sha256/${digest(i * 3 + l).slice(7)}`),
      }),
      (items) => items,
    ),
  ],
  [
    "same, pretty-printed with escapes",
    JSON.stringify(JSON.parse(documentOf(descriptor, (manifests) => ({ manifests }))), null, 2).replaceAll(
      "example",
      "ex\\u0061mple",
    ),
  ],
];

/** MB/s of each way, in CPU time, the ways interleaved round by round so machine load hits them alike. */
function rates(bytes: number, ways: (() => unknown)[]): number[] {
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  for (let i = 0; i < 20; i++) for (const way of ways) way(); // warm up
  const spent = ways.map(() => 0);
  const rounds = 200;
  for (let round = 0; round < rounds; round++) {
    for (const [i, way] of ways.entries()) {
      const started = cpuMs();
      way();
      spent[i] = (spent[i] ?? 0) + cpuMs() - started;
    }
  }
  return spent.map((ms) => (bytes * rounds) / ms / 1000);
}

for (const [name, text] of documents) {
  const bytes = new TextEncoder().encode(text);
  const utf8 = new TextDecoder();
  const [jsonParse = 0, goJson = 0, jsonParseText = 0, goJsonText = 0] = rates(bytes.length, [
    () => JSON.parse(utf8.decode(bytes)),
    () => decodeJson(bytes, "x"),
    () => JSON.parse(text),
    () => decodeGoJson(text),
  ]);
  console.log(
    `${name} (${(bytes.length / 1024).toFixed(0)} KiB), CPU time: bytes → value: TextDecoder + JSON.parse ${jsonParse.toFixed(0)} MB/s, decodeJson ${goJson.toFixed(0)} MB/s (${(goJson / jsonParse).toFixed(2)}×); ` +
      `text → value: JSON.parse ${jsonParseText.toFixed(0)} MB/s, decodeGoJson ${goJsonText.toFixed(0)} MB/s (${(goJsonText / jsonParseText).toFixed(2)}×)`,
  );
}
