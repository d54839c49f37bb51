import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { EntryDigester } from "./entryDigester.ts";
import { nodeGunzip } from "./nodeGunzipPlatform.ts";
import { nodeSha256 } from "./nodeSha256.ts";

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

async function digestChunks(bytes: Uint8Array, chunk: number, decompress = true) {
  const digester = await EntryDigester.create({ createSha256: nodeSha256, gunzip: nodeGunzip }, decompress);
  for (let i = 0; i < bytes.length; i += chunk) await digester.write(bytes.subarray(i, i + chunk));
  return digester.finish();
}

describe("EntryDigester", () => {
  const plain = randomBytes(200_000);
  const gzipped = gzipSync(plain);

  test("uncompressed bytes: one digest, no decompression", async () => {
    assert.deepEqual(await digestChunks(plain, 65536), {
      digest: sha256(plain),
      size: plain.length,
      compression: "none",
    });
  });

  test("gzip bytes: the stored digest and the gunzipped digest from one pass", async () => {
    assert.deepEqual(await digestChunks(gzipped, 65536), {
      digest: sha256(gzipped),
      size: gzipped.length,
      compression: "gzip",
      uncompressedDigest: sha256(plain),
      uncompressedSize: plain.length,
    });
  });

  test("the magic bytes are found even when chunks split them", async () => {
    for (const chunk of [1, 2, 3, 5, 7]) {
      const result = await digestChunks(gzipped.subarray(0, 2000), chunk, false);
      assert.equal(result.compression, "gzip");
    }
    const small = plain.subarray(0, 3000);
    assert.equal((await digestChunks(gzipSync(small), 1)).uncompressedDigest, sha256(small));
  });

  test("gzip without decompression asked: only the stored digest", async () => {
    const result = await digestChunks(gzipped, 65536, false);
    assert.equal(result.uncompressedDigest, undefined);
    assert.equal(result.compression, "gzip");
  });

  test("a corrupt gzip stream gives a reason, not an exception", async () => {
    const corrupt = gzipped.slice();
    corrupt.fill(0x41, 5000, 5100);
    const result = await digestChunks(corrupt, 4096);
    assert.equal(result.uncompressedDigest, undefined);
    assert.equal(typeof result.decompressError, "string");
    const truncated = await digestChunks(gzipped.subarray(0, gzipped.length - 10), 4096);
    assert.match(truncated.decompressError ?? "", /end of file|unexpected/i);
  });

  test("zstd, xz and bzip2 are told from their magic bytes", async () => {
    assert.equal((await digestChunks(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0]), 2)).compression, "zstd");
    assert.equal((await digestChunks(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1]), 3)).compression, "xz");
    assert.equal((await digestChunks(new TextEncoder().encode("BZh91AY"), 3)).compression, "bzip2");
  });

  test("empty and tiny entries", async () => {
    assert.deepEqual(await digestChunks(new Uint8Array(0), 1), {
      digest: sha256(new Uint8Array(0)),
      size: 0,
      compression: "none",
    });
    assert.deepEqual(await digestChunks(new Uint8Array([0x1f]), 1), {
      digest: sha256(new Uint8Array([0x1f])),
      size: 1,
      compression: "none",
    });
  });
});
