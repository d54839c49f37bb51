// The browser's hashing path (hash-wasm, BlobSource, cloned messages) gives the same
// reports as the Node path (node:crypto, file reads, worker_threads), fixture by fixture.
// The Worker constructor itself is exercised by the Playwright e2e suite.
import assert from "node:assert/strict";
import { randomFillSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { inspectArchive } from "../inspectArchive.ts";
import type { HashRequest } from "../pool/messages.ts";
import type { PoolWorker } from "../pool/poolWorker.ts";
import { WorkerPool } from "../pool/workerPool.ts";
import { blobOf, hashPoolForSuite } from "./hashPoolForTests.ts";
import { browserEnvironment, inThreadWorker } from "./inThreadWorker.ts";
import { dockerArchive } from "./syntheticArchives.ts";
import { buildTar } from "./tarWriter.ts";

const dir = new URL("../fixtures/", import.meta.url);
const archives = readdirSync(dir).filter((name) => /\.tar(\.gz)?$/.test(name));

describe("browser pipeline == Node pipeline", () => {
  const nodePool = hashPoolForSuite();

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

describe("browser pipeline with SIMD lanes == Node pipeline", () => {
  const nodePool = hashPoolForSuite();
  const layers = [9, 10, 11, 12].map((mib, i) =>
    buildTar([{ path: `data/${i}.bin`, data: randomFillSync(new Uint8Array(mib * 1024 * 1024 + i * 777)) }]),
  );

  for (const gzip of [false, true]) {
    test(`four big ${gzip ? "gzip" : "uncompressed"} layers are hashed together in one worker's lanes, with the same report`, async () => {
      const environment = browserEnvironment();
      const requests: HashRequest["type"][] = [];
      const spawn = (): PoolWorker => {
        const worker = inThreadWorker(environment);
        return {
          ...worker,
          post: (request) => {
            requests.push(request.type);
            return worker.post(request);
          },
        };
      };
      const browserPool = new WorkerPool(spawn, 1, { lanes: 4 });
      const blob = blobOf(buildTar(dockerArchive(layers, { gzip }).entries));
      const fromBrowser = await inspectArchive(blob, { hashPool: browserPool, archiveDigest: true });
      const fromNode = await inspectArchive(blob, { hashPool: nodePool(), archiveDigest: true });
      assert.deepEqual(fromBrowser, fromNode);
      assert.equal(fromBrowser.verdict, "intact");
      assert.ok(requests.includes("digest-lanes"), `requests: ${requests.join(", ")}`);
      await browserPool.close();
    });
  }
});
