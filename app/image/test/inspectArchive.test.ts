// inspectArchive's own contract: inputs it takes, progress it reports, how it aborts.
import assert from "node:assert/strict";
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { InspectAbortedError } from "../errors.ts";
import { inspectArchive } from "../inspectArchive.ts";
import type { InspectProgress } from "../report.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

function assertProgressWellFormed(events: InspectProgress[], total: number): void {
  assert.ok(events.length >= 2, "a start and an end at least");
  for (const [i, event] of events.entries()) {
    assert.equal(event.bytesTotal, total);
    assert.ok(event.bytesDone >= (events[i - 1]?.bytesDone ?? 0), "bytesDone never goes back");
  }
  assert.equal(events.at(-1)?.bytesDone, total);
}

describe("inspectArchive", () => {
  const pool = hashPoolForSuite();
  const temp = mkdtempSync(join(tmpdir(), "imageseal-inspect-"));
  after(() => rmSync(temp, { recursive: true, force: true }));

  test("progress for an uncompressed tar counts the bytes of the entries it hashes", async () => {
    const events: InspectProgress[] = [];
    await inspectBytes(pool(), fixture("docker20-save.tar"), { onProgress: (p) => events.push(p) });
    // The two layers and the config (2048 + 3002368 + 1858 bytes); manifest.json, VERSION and json files are read or skipped, not hashed.
    assertProgressWellFormed(events, 2048 + 3_002_368 + 1858);
  });

  test("progress for a .tar.gz counts compressed bytes read, twice when the archive digest is asked for", async () => {
    const bytes = fixture("docker20-save.tar.gz");
    const events: InspectProgress[] = [];
    await inspectBytes(pool(), bytes, { onProgress: (p) => events.push(p) });
    assertProgressWellFormed(events, bytes.length);
    const both: InspectProgress[] = [];
    const report = await inspectBytes(pool(), bytes, { onProgress: (p) => both.push(p), archiveDigest: true });
    assertProgressWellFormed(both, 2 * bytes.length);
    assert.equal(report.archiveDigest, "sha256:ef80a3b5436375359988a5e2c94ebe521568c99a8183726e36ff8f8b581967dc");
  });

  test("progress for a plain file, and for a gzip that holds no tar", async () => {
    const text = new TextEncoder().encode("plain ".repeat(10_000));
    const events: InspectProgress[] = [];
    await inspectBytes(pool(), text, { onProgress: (p) => events.push(p) });
    assertProgressWellFormed(events, text.length);
    const gz = gzipSync(text);
    const gzEvents: InspectProgress[] = [];
    const report = await inspectBytes(pool(), gz, { onProgress: (p) => gzEvents.push(p) });
    assert.equal(report.format, "file");
    assert.equal(gzEvents.at(-1)?.bytesDone, gzEvents.at(-1)?.bytesTotal);
  });

  test("abort rejects with InspectAbortedError, before or during hashing", async () => {
    await assert.rejects(
      inspectBytes(pool(), fixture("docker20-save.tar"), { signal: AbortSignal.abort() }),
      InspectAbortedError,
    );
    const path = join(temp, "big.bin");
    const fd = openSync(path, "w");
    ftruncateSync(fd, 4 * 1024 ** 3); // sparse 4 GiB: minutes to hash, so only an abort ends it fast
    closeSync(fd);
    const source = await NodeFileSource.open(path);
    const controller = new AbortController();
    let done = 0;
    try {
      await assert.rejects(
        inspectArchive(source, {
          hashPool: pool(),
          signal: controller.signal,
          onProgress: (p) => {
            done = p.bytesDone;
            if (p.bytesDone > 0) controller.abort();
          },
        }),
        InspectAbortedError,
      );
    } finally {
      await source.close();
    }
    assert.ok(done > 0 && done < 4 * 1024 ** 3);
  });

  test("the same archive as a Blob and as a ByteSource gives the same report", async () => {
    const path = new URL("../fixtures/podman-save-docker-archive.tar", import.meta.url);
    const source = await NodeFileSource.open(path.pathname);
    try {
      assert.deepEqual(
        await inspectArchive(source, { hashPool: pool() }),
        await inspectBytes(pool(), fixture("podman-save-docker-archive.tar")),
      );
    } finally {
      await source.close();
    }
  });
});
