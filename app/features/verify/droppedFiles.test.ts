import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ProofBundle, serializeProofBundle } from "../../proofs/proofBundle.ts";
import { looksLikeProofBundle, sortDroppedFiles } from "./droppedFiles.ts";
import { parseBlockHash } from "./offlineVerify.ts";

// Only the fields serializeProofBundle writes first matter to the sniffing.
const bundleText = serializeProofBundle({
  format: "imageseal/proof-bundle",
  version: 1,
  chainId: 31337,
} as unknown as ProofBundle);

describe("sortDroppedFiles", () => {
  it("behavior: a signed-release file is told apart from a bundle and an archive by its contents", async () => {
    const signedText = '{\n  "format": "imageseal/signed-release",\n  "version": 2\n}\n';
    const archive = new File(["not json at all"], "image.tar");
    const signed = new File([signedText], "release.json");
    const bundle = new File([bundleText], "b.json");
    const sorted = await sortDroppedFiles([signed, archive, bundle]);
    assert.equal(sorted.archive, archive);
    assert.deepEqual(sorted.bundle, { fileName: "b.json", text: bundleText });
    assert.deepEqual(sorted.signedRelease, { fileName: "release.json", text: signedText });
  });

  it("behavior: an archive and a bundle dropped together are told apart by contents, in either order", async () => {
    const archive = new File(["not json at all"], "image.tar");
    const bundle = new File([bundleText], "renamed.txt");
    for (const files of [
      [archive, bundle],
      [bundle, archive],
    ]) {
      const sorted = await sortDroppedFiles(files);
      assert.equal(sorted.archive, archive);
      assert.deepEqual(sorted.bundle, { fileName: "renamed.txt", text: bundleText });
    }
  });

  it("behavior: a JSON file that is not a bundle is an archive (any file can be verified)", async () => {
    const other = new File(['{"format":"something-else"}'], "x.proof.json");
    assert.deepEqual(await sortDroppedFiles([other]), { archive: other, bundle: null, signedRelease: null });
  });

  it("behavior: only the first archive and the first bundle are kept", async () => {
    const [a, b] = [new File(["a"], "a.tar"), new File(["b"], "b.tar")];
    const first = new File([bundleText], "first.proof.json");
    const sorted = await sortDroppedFiles([a, first, b, new File([bundleText], "second.proof.json")]);
    assert.equal(sorted.archive, a);
    assert.equal(sorted.bundle?.fileName, "first.proof.json");
  });
});

describe("looksLikeProofBundle", () => {
  it("behavior: accepts the serializer's own output, compact JSON and a byte-order mark", () => {
    assert.equal(looksLikeProofBundle(bundleText), true);
    assert.equal(looksLikeProofBundle('{"format":"imageseal/proof-bundle","version":1}'), true);
    assert.equal(looksLikeProofBundle('\uFEFF {\n"format" : "imageseal/proof-bundle"'), true);
  });

  it("behavior: refuses other formats, a later format member and non-objects", () => {
    assert.equal(looksLikeProofBundle('{"format":"imageseal/proof-bundles"'), false);
    assert.equal(looksLikeProofBundle('{"format":"imageseal/signed-release"}'), false);
    assert.equal(looksLikeProofBundle('{"version":1,"format":"imageseal/proof-bundle"}'), false);
    assert.equal(looksLikeProofBundle('["format","imageseal/proof-bundle"]'), false);
  });
});

describe("parseBlockHash", () => {
  const hash = `0x${"ab".repeat(32)}`;
  it("behavior: takes 0x and 64 hex digits, trimmed and lower-cased", () => {
    assert.equal(parseBlockHash(` ${hash.toUpperCase().replace("0X", "0x")}\n`), hash);
  });
  it("behavior: refuses a short, long, unprefixed or non-hex value", () => {
    for (const text of ["", hash.slice(0, 65), `${hash}0`, hash.slice(2), `0x${"g".repeat(64)}`])
      assert.equal(parseBlockHash(text), null, text);
  });
});
