// gatherEvidence + decideVerdict on a real chain, with archives the engine inspected.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import type { Address } from "viem";
import { publishRelease } from "../chain/actions/publishRelease.ts";
import { publishReleaseBatch } from "../chain/actions/publishReleaseBatch.ts";
import { revokeRelease } from "../chain/actions/revokeRelease.ts";
import { startTestChain } from "../chain/test/testChain.ts";
import type { ArchiveReport } from "../image/report.ts";
import { hashPoolForSuite, inspectBytes } from "../image/test/hashPoolForTests.ts";
import { itemAt, present } from "../image/util/itemAt.ts";
import { gatherEvidence } from "./gatherEvidence.ts";
import type { Evidence } from "./verdict.ts";
import { verifyArchive } from "./verifyArchive.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../image/fixtures/${name}`, import.meta.url)));
const kinds = (items: Evidence[] | undefined) => (items ?? []).map((i) => i.kind);

describe("verifyArchive on a real chain", async () => {
  const pool = hashPoolForSuite();
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient } = chain;
  const registry = { registry: chain.registry, deployedOnBlock: chain.deployedOnBlock };
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [alice, , mallory] = chain.accounts as [Address, Address, Address];
  const reports = new Map<string, ArchiveReport>();
  const inspect = async (name: string) => {
    if (!reports.has(name)) reports.set(name, await inspectBytes(pool(), fixture(name)));
    return present(reports.get(name), `the report of ${name}`);
  };
  const verify = async (name: string, trust: Address[], requestedName: string | null = null, scanNames = true) =>
    verifyArchive({
      client: publicClient,
      registry,
      report: await inspect(name),
      trust: { publishers: trust, pins: [] },
      requestedName,
      scanNames,
    });

  test("an old tag: VERIFIED, and the publisher's current release of the name is shown", async () => {
    const multi = (await inspect("docker20-save.tar")).images[0];
    const small = (await inspect("docker20-save-small.tar")).images[0];
    const v1 = await publishRelease(as(0), registry, {
      name: "docker.io/fixture/multi:2.0",
      imageId: multi?.imageId ?? null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    const v2 = await publishRelease(as(0), registry, {
      name: "docker.io/fixture/multi:2.0",
      imageId: small?.imageId ?? null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    const result = await verify("docker20-save.tar", [alice], "fixture/multi:2.0");
    assert.equal(result.word, "VERIFIED");
    assert.equal(result.targets[0]?.release?.id, v1.releaseIds[0]);
    const current = result.targets[0]?.evidence.find((e) => e.kind === "current-release");
    assert.equal(current?.kind === "current-release" && current.release.id, v2.releaseIds[0]);
    // docker26-save.tar was never released: asked under that name, the answer says what the name is.
    const other = await verify("docker26-save.tar", [alice], "fixture/multi:2.0");
    assert.equal(other.word, "UNKNOWN");
    assert.deepEqual(kinds(other.targets[0]?.evidence), ["no-release", "current-release"]);
  });

  test("another publisher's claim on the name is found by the log scan, in any common spelling", async () => {
    await publishRelease(as(2), registry, {
      name: "fixture/multi:2.0",
      imageId: null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: `sha256:${"12".repeat(32)}`,
    });
    const result = await verify("docker20-save.tar", [alice], "docker.io/fixture/multi:2.0");
    const conflict = result.targets[0]?.evidence.find((e) => e.kind === "name-conflict");
    assert.ok(conflict?.kind === "name-conflict");
    assert.deepEqual(
      conflict.publishers.map((p) => [p.publisher, p.trusted, p.releaseIds.length]),
      [
        [alice, true, 2],
        [mallory, false, 1],
      ],
    );
    const unscanned = await verify("docker20-save.tar", [alice], "docker.io/fixture/multi:2.0", false);
    assert.equal(
      unscanned.targets[0]?.evidence.some((e) => e.kind === "name-conflict"),
      false,
      "without the scan only matching releases count",
    );
  });

  test("REVOKED with the reason read from the Revoked log", async () => {
    const podman = (await inspect("podman-save-docker-archive.tar")).images[0];
    const { releaseIds } = await publishRelease(as(0), registry, {
      name: "localhost/fixture/podsmall:1",
      imageId: podman?.imageId ?? null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    await revokeRelease(as(0), registry, itemAt(releaseIds, 0), "rebuilt: the base had CVE-2026-7");
    const evidence = await gatherEvidence({
      client: publicClient,
      registry,
      report: await inspect("podman-save-docker-archive.tar"),
      trust: { publishers: [alice], pins: [] },
    });
    assert.deepEqual(
      evidence.revocations.map((r) => [r.releaseId, r.reason]),
      [[releaseIds[0], "rebuilt: the base had CVE-2026-7"]],
    );
    const result = await verify("podman-save-docker-archive.tar", [alice]);
    assert.equal(result.word, "REVOKED");
    assert.match(result.summary, /: "rebuilt: the base had CVE-2026-7"\.$/);
  });

  test("a multi-platform image published per platform in one batch: every platform VERIFIED", async () => {
    const report = await inspect("podman-multiplatform-oci-archive.tar");
    assert.equal(report.images.length, 3);
    await publishReleaseBatch(
      as(0),
      registry,
      report.images.map((image) => ({
        name: "localhost/fixture/mp:1",
        imageId: image.imageId,
        manifestDigest: image.manifestDigest ?? null,
        indexDigest: image.indexDigest ?? null,
        archiveDigest: null,
      })),
    );
    const result = await verify("podman-multiplatform-oci-archive.tar", [alice], "localhost/fixture/mp:1");
    assert.deepEqual(
      result.targets.map((t) => [t.word, t.matched]),
      Array(3).fill(["VERIFIED", ["imageId", "manifestDigest", "indexDigest"]]),
    );
    assert.equal(result.word, "VERIFIED");
  });
});
