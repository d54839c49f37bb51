// The browser's hashing path (hash-wasm, BlobSource, cloned messages) gives the same
// reports as the Node path (node:crypto, file reads, worker_threads), fixture by fixture.
// The Worker constructor itself is exercised by the Playwright e2e suite.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { inspectArchive } from "../inspectArchive.ts";
import { WorkerPool } from "../pool/workerPool.ts";
import { useHashPool } from "./hashPoolForTests.ts";
import { browserEnvironment, inThreadWorker } from "./inThreadWorker.ts";

const dir = new URL("../fixtures/", import.meta.url);
const archives = readdirSync(dir).filter((name) => /\.tar(\.gz)?$/.test(name));

describe("browser pipeline == Node pipeline", () => {
  const nodePool = useHashPool();

  for (const name of archives) {
    test(name, async () => {
      const environment = browserEnvironment();
      const browserPool = new WorkerPool(() => inThreadWorker(environment), 2);
      const blob = new Blob([readFileSync(new URL(name, dir))]);
      const fromBrowser = await inspectArchive(blob, { hashPool: browserPool, archiveDigest: true });
      const fromNode = await inspectArchive(blob, { hashPool: nodePool(), archiveDigest: true });
      assert.deepEqual(fromBrowser, fromNode);
      await browserPool.close();
    });
  }
});
