// `imageseal bundle` then `imageseal verify --bundle` as a user runs them: bundles made from a
// real local chain before and after a revocation, then verified by child processes after the
// chain is stopped (nothing to ask: the verdict must come from the files alone). Forged and
// mismatched bundles are refused with words and exit 2, never a verdict.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { publishRelease } from "../../chain/actions/publishRelease.ts";
import { revokeRelease } from "../../chain/actions/revokeRelease.ts";
import { releaseMessage, releaseTypedData } from "../../chain/releaseTypedData.ts";
import { SIGNED_RELEASE_FORMAT, SIGNED_RELEASE_VERSION, serializeSignedRelease } from "../../chain/signedRelease.ts";
import { startTestChain, type TestChain } from "../../chain/test/testChain.ts";
import type { Digest } from "../../image/digest.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import type { ProofBundle } from "../../proofs/proofBundle.ts";

const CLI = fileURLToPath(new URL("../imageseal.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../image/fixtures/${name}`, import.meta.url));
// Ground truth from the tools (app/image/fixtures/expected.json).
const MULTI_IMAGE_ID: Digest = "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";
const ARCHIVE = fixture("docker20-save.tar");

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function imageseal(...args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITE_")));
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("imageseal bundle + verify --bundle, with the chain stopped", () => {
  let chain: TestChain;
  let alice: Address;
  let registry: Address;
  let other: Address;
  const temp = mkdtempSync(join(tmpdir(), "imageseal-bundle-"));
  const file = (name: string) => join(temp, name);
  const blocks: Record<string, string> = {};

  before(async () => {
    chain = await startTestChain();
    alice = itemAt(chain.accounts, 1);
    registry = chain.registry;
    other = (await chain.deployRegistry()).registry;
    const as = { publicClient: chain.publicClient, walletClient: chain.wallet(1) };
    const published = await publishRelease(as, registry, {
      name: "docker.io/fixture/multi:2.0",
      imageId: MULTI_IMAGE_ID,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    const made = await imageseal(
      "bundle",
      ARCHIVE,
      "--chain",
      chain.url,
      "--registry",
      registry,
      "--publisher",
      alice,
      "--name",
      "fixture/multi:2.0",
      "-o",
      file("before.json"),
      "--json",
    );
    assert.equal(made.status, 0, made.stderr);
    blocks.before = JSON.parse(made.stdout).blockHash;
    await revokeRelease(as, registry, itemAt(published.releaseIds, 0), "rebuilt with a patched base");
    const again = await imageseal(
      "bundle",
      ARCHIVE,
      "--chain",
      chain.url,
      "--registry",
      registry,
      "--publisher",
      alice,
      "-o",
      file("after.json"),
      "--json",
    );
    assert.equal(again.status, 0, again.stderr);
    blocks.after = JSON.parse(again.stdout).blockHash;
    await chain.close(); // from here on, nothing answers on the chain's URL
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  const offline = (bundle: string, block: string | undefined, ...extra: string[]) =>
    imageseal(
      "verify",
      ARCHIVE,
      "--bundle",
      file(bundle),
      "--trusted-block",
      block ?? "",
      "--chain",
      "31337",
      "--registry",
      registry,
      "--publisher",
      alice,
      ...extra,
    );

  test("VERIFIED, exit 0, as of the bundle's block: made before the revocation", async () => {
    const run = await offline("before.json", blocks.before, "--name", "fixture/multi:2.0");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^docker20-save\.tar: VERIFIED\n/);
    assert.match(
      run.stdout,
      /offline {4}proof bundle before\.json, checked against trusted block 0x[0-9a-f]{64}\n {11}not revoked as of block \d+ \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); revocations after that block cannot be known offline/,
    );
  });

  test("REVOKED, exit 1: made after the revocation, with the reason as the node reported it", async () => {
    const run = await offline("after.json", blocks.after, "--json");
    assert.equal(run.status, 1, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.verdict, "REVOKED");
    assert.match(JSON.stringify(json.targets[0].evidence), /rebuilt with a patched base/);
    assert.equal(json.offline.uncoveredPublishers.length, 0);
  });

  test("refused, exit 2, in words: a wrong trusted block, another chain or registry, a changed proof", async () => {
    const wrongBlock = await offline("before.json", blocks.after);
    assert.equal(wrongBlock.status, 2);
    assert.match(
      wrongBlock.stderr,
      /The bundle's block is not the trusted block: The block header hashes to 0x[0-9a-f]{64}, not to the trusted block hash/,
    );
    const otherChain = await imageseal(
      "verify",
      ARCHIVE,
      "--bundle",
      file("before.json"),
      "--trusted-block",
      blocks.before ?? "",
      "--chain",
      "1",
      "--registry",
      registry,
      "--publisher",
      alice,
    );
    assert.equal(otherChain.status, 2);
    assert.match(otherChain.stderr, /This bundle was made on chain 31337, not on chain 1\./);
    const otherRegistry = await imageseal(
      "verify",
      ARCHIVE,
      "--bundle",
      file("before.json"),
      "--trusted-block",
      blocks.before ?? "",
      "--chain",
      "31337",
      "--registry",
      other,
      "--publisher",
      alice,
    );
    assert.equal(otherRegistry.status, 2);
    assert.match(otherRegistry.stderr, new RegExp(`This bundle proves registry ${registry}, not registry ${other}\\.`));
    const bundle = JSON.parse(readFileSync(file("before.json"), "utf8")) as ProofBundle;
    const at = bundle.storage.findIndex((w) => BigInt(w.value) !== 0n);
    const word = bundle.storage[at];
    assert.ok(word !== undefined);
    bundle.storage[at] = { ...word, value: `0x${(BigInt(word.value) ^ (1n << 200n)).toString(16)}` };
    writeFileSync(file("forged.json"), JSON.stringify(bundle));
    const forged = await offline("forged.json", blocks.before);
    assert.equal(forged.status, 2);
    assert.match(forged.stderr, /Storage slot 0x[0-9a-f]{64} is proved to hold \d+, but the bundle says \d+\./);
    const noBlock = await offline("before.json", "0x1234");
    assert.equal(noBlock.status, 2);
    assert.match(noBlock.stderr, /--trusted-block must be a block hash \(0x and 64 hex digits\): "0x1234"/);
  });

  test("a bundle made for another archive says nothing about this one", async () => {
    const run = await imageseal(
      "verify",
      fixture("docker20-save-small.tar"),
      "--bundle",
      file("before.json"),
      "--trusted-block",
      blocks.before ?? "",
      "--chain",
      "31337",
      "--registry",
      registry,
      "--publisher",
      alice,
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /This bundle was made for other digests/);
  });
});

describe("imageseal verify --signed-release: a release never recorded on chain, by its signature alone", () => {
  // Hardhat's second dev key: a well-known test key, never used with value.
  const key: Hex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  const publisher = privateKeyToAccount(key);
  const registry: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const temp = mkdtempSync(join(tmpdir(), "imageseal-signed-"));
  after(() => rmSync(temp, { recursive: true, force: true }));
  const release = {
    name: "docker.io/fixture/multi:2.0",
    imageId: MULTI_IMAGE_ID,
    manifestDigest: null,
    indexDigest: null,
    archiveDigest: null,
  };

  async function signedFile(
    name: string,
    options: { deadline?: bigint; tamper?: boolean; signer?: Address } = {},
  ): Promise<string> {
    const deadline = options.deadline ?? BigInt(Math.floor(Date.now() / 1000) + 86_400);
    const signature = await publisher.signTypedData(
      releaseTypedData(31337, registry, releaseMessage(publisher.address, release, 3n, deadline)),
    );
    const text = serializeSignedRelease({
      format: SIGNED_RELEASE_FORMAT,
      version: SIGNED_RELEASE_VERSION,
      chainId: 31337,
      registry,
      publisher: publisher.address,
      signer: options.signer ?? publisher.address,
      release: options.tamper ? { ...release, name: "docker.io/fixture/multi:latest" } : release,
      nonce: 3n,
      deadline,
      signature,
    });
    const path = join(temp, name);
    writeFileSync(path, text);
    return path;
  }
  const verify = (path: string, ...extra: string[]) =>
    imageseal(
      "verify",
      ARCHIVE,
      "--signed-release",
      path,
      "--chain",
      "31337",
      "--registry",
      registry,
      "--publisher",
      publisher.address,
      ...extra,
    );

  test("VERIFIED, exit 0, and the verdict says it was never recorded on chain", async () => {
    const run = await verify(await signedFile("good.json"), "--name", "fixture/multi:2.0");
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^docker20-save\\.tar: VERIFIED\n  Released by ${publisher.address} \\(a publisher you trust\\) as docker\\.io/fixture/multi:2\\.0 in a signed release never recorded on chain\\.\n`,
      ),
    );
    assert.match(run.stdout, /whether the publisher revoked it or cancelled the signature cannot be known/);
  });

  test("refused, exit 2, in words: a changed name, an expired signature, a delegate's signature, another registry", async () => {
    const changed = await verify(await signedFile("changed.json", { tamper: true }));
    assert.equal(changed.status, 2);
    assert.match(
      changed.stderr,
      new RegExp(`was not signed by ${publisher.address}'s key \\(the signature recovers to 0x[0-9a-fA-F]{40}\\)`),
    );
    const expired = await verify(await signedFile("expired.json", { deadline: 1_700_000_000n }));
    assert.equal(expired.status, 2);
    assert.match(expired.stderr, /This signed release expired on 2023-11-14 22:13:20 UTC/);
    const delegated = await verify(
      await signedFile("delegated.json", { signer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" }),
    );
    assert.equal(delegated.status, 2);
    assert.match(
      delegated.stderr,
      /signed by delegate key 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC .* known only on chain/,
    );
    const elsewhere = await imageseal(
      "verify",
      ARCHIVE,
      "--signed-release",
      await signedFile("good2.json"),
      "--chain",
      "31337",
      "--registry",
      "0x0000000000000000000000000000000000001234",
      "--publisher",
      publisher.address,
    );
    assert.equal(elsewhere.status, 2);
    assert.match(
      elsewhere.stderr,
      /This signed release is for registry 0x5FbDB2315678afecb367f032d93F642f64180aa3, not registry 0x0000000000000000000000000000000000001234\./,
    );
  });
});
