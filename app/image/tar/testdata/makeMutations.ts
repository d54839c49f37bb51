// Writes mutations.json.gz: small tars, each a plain archive with one to three structure-
// aware mutations (mutators.ts), from a fixed seed. Go's reading of each is then recorded
// by readWithGo.go, and goMutations.test.ts holds the engine to it. Run by hand:
//   node app/image/tar/testdata/makeMutations.ts && (cd app/image/tar/testdata && go run readWithGo.go mutations)
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { itemAt } from "../../util/itemAt.ts";
import { type Archive, MUTATORS, member, Random, serialize } from "./mutators.ts";
import { bytes } from "./rawTar.ts";

const SEED = 0x7a12_5eed;
const CASES = 700;

function pattern(r: Random, length: number): Uint8Array {
  const seed = r.bytes(4);
  return Uint8Array.from({ length }, (_, i) => itemAt(seed, i % 4) + (i >> 8));
}

function baseArchive(r: Random): Archive {
  const pool = [
    () => member("manifest.json", "0", bytes('[{"Config":"c.json","Layers":["layer.tar"]}]')),
    () => member("c.json", "0", bytes('{"architecture":"amd64"}')),
    // Data of a few random bytes repeated: it must differ between entries, not be incompressible.
    () => member(`blobs/sha256/${"ab".repeat(32)}`, "0", pattern(r, r.int(1500))),
    () => member("layer.tar", "0", pattern(r, r.pick([0, 1, 511, 512, 513]))),
    () => member("dir/", "5"),
    () => member("link", "2", new Uint8Array(0), "manifest.json"),
    () => member("hard", "1", new Uint8Array(0), "c.json"),
  ];
  return { members: Array.from({ length: 2 + r.int(3) }, () => r.pick(pool)()), ending: new Uint8Array(1024) };
}

function weightedMutator(r: Random) {
  const total = MUTATORS.reduce((sum, [, , weight]) => sum + weight, 0);
  let left = r.int(total);
  for (const [, mutate, weight] of MUTATORS) {
    if (left < weight) return mutate;
    left -= weight;
  }
  throw new Error("unreachable");
}

const r = new Random(SEED);
const cases = Array.from({ length: CASES }, () => {
  const archive = baseArchive(r);
  const notes = Array.from({ length: 1 + r.int(3) }, () => weightedMutator(r)(r, archive));
  return { note: notes.join("; "), tar: Buffer.from(serialize(archive)).toString("base64") };
});
const out = gzipSync(JSON.stringify({ seed: SEED, cases }), { level: 9 });
writeFileSync(new URL("mutations.json.gz", import.meta.url), out);
console.log(`mutations.json.gz: ${cases.length} cases, ${out.length} bytes`);
