import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { InspectAbortedError, SourceReadError } from "../errors.ts";
import type { HashPool } from "./hashPool.ts";
import { createNodeHashPool } from "./nodeHashPool.ts";

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

describe("the Node hash pool (worker_threads + node:crypto)", () => {
  let pool: HashPool;
  const dir = mkdtempSync(join(tmpdir(), "imageseal-pool-"));
  const bytes = new Uint8Array(5_000_000).map((_, i) => (i * 7919) % 251);
  const file = join(dir, "data.bin");
  before(() => {
    writeFileSync(file, bytes);
    pool = createNodeHashPool({ concurrency: 2 });
  });
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("digests byte ranges of a file and of a Blob, in parallel, in job order", async () => {
    const jobs = [
      { offset: 0, size: bytes.length, decompress: false },
      { offset: 1000, size: 12345, decompress: false },
      { offset: 4_999_999, size: 1, decompress: false },
      { offset: 7, size: 0, decompress: false },
    ];
    const want = jobs.map((job) => sha256(bytes.subarray(job.offset, job.offset + job.size)));
    let progressed = 0;
    const fromFile = await pool.digestRanges({ kind: "file", path: file }, jobs, { onBytes: (n) => (progressed += n) });
    assert.deepEqual(
      fromFile.map((d) => d.digest),
      want,
    );
    assert.equal(
      progressed,
      jobs.reduce((sum, job) => sum + job.size, 0),
    );
    const fromBlob = await pool.digestRanges({ kind: "blob", blob: new Blob([bytes]) }, jobs);
    assert.deepEqual(
      fromBlob.map((d) => d.digest),
      want,
    );
  });

  test("gunzips a gzip range in the same pass", async () => {
    const gz = gzipSync(bytes);
    const [result] = await pool.digestRanges({ kind: "blob", blob: new Blob([gz]) }, [
      { offset: 0, size: gz.length, decompress: true },
    ]);
    assert.equal(result?.digest, sha256(gz));
    assert.equal(result?.uncompressedDigest, sha256(bytes));
  });

  test("a missing file is a SourceReadError", async () => {
    await assert.rejects(
      pool.digestRanges({ kind: "file", path: join(dir, "nope") }, [{ offset: 0, size: 1, decompress: false }]),
      SourceReadError,
    );
  });

  test("abort stops the workers mid-job: fewer bytes were hashed than asked for", async () => {
    const big = join(dir, "big.bin");
    const size = 2 * 1024 ** 3;
    const fd = openSync(big, "w");
    ftruncateSync(fd, size); // sparse: costs no disk, reads as zeros
    closeSync(fd);
    const controller = new AbortController();
    let hashed = 0;
    const run = pool.digestRanges(
      { kind: "file", path: big },
      [
        { offset: 0, size, decompress: false },
        { offset: 0, size, decompress: false },
      ],
      {
        signal: controller.signal,
        onBytes: (n) => {
          hashed += n;
          controller.abort(); // as soon as work is under way
        },
      },
    );
    await assert.rejects(run, InspectAbortedError);
    assert.ok(hashed < size, `stopped after ${hashed} of ${2 * size} bytes`);
    // The pool still works afterwards, with fresh workers.
    const [again] = await pool.digestRanges({ kind: "blob", blob: new Blob(["abc"]) }, [
      { offset: 0, size: 3, decompress: false },
    ]);
    assert.equal(again?.digest, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
