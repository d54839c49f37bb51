// `imageseal publish`, `sign` and `submit` against a real local chain (EDR behind HTTP
// JSON-RPC in this process), with Hardhat's well-known dev keys (they hold nothing of value
// anywhere else). Most cases run the command in this process with a scripted terminal; one
// runs the real `imageseal` entry as a child process.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { encryptKeystoreJsonSync } from "ethers";
import type { Address, Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { getRelease } from "../../chain/actions/getRelease.ts";
import { getReleasesByPublisher } from "../../chain/actions/getReleasesByPublisher.ts";
import { closedPortUrl, startTestChain } from "../../chain/test/testChain.ts";
import { writeRegistry } from "../../chain/test/writeRegistry.ts";
import { flipByte, rewriteTar } from "../../image/test/rewriteTar.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import { type Run, type Runner, runInProcess, type Terminal } from "../test/runInProcess.ts";
import { runPublish } from "./runPublish.ts";
import { runSign } from "./runSign.ts";
import { runSubmit } from "./runSubmit.ts";

const CLI = fileURLToPath(new URL("../imageseal.ts", import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const fixture = (name: string) => fileURLToPath(new URL(`../../image/fixtures/${name}`, import.meta.url));

/** Hardhat's dev keys for accounts 1-7 (account 0 deployed the registry). */
const DEV_KEYS: Hex[] = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
];
const key = (account: number) => itemAt(DEV_KEYS, account);

// Ground truth from the tools (app/image/fixtures/expected.json).
const MULTI_IMAGE_ID = "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";
const MP_INDEX = "sha256:49289bbdbfcf4101c14c94d4d0d59e1fad2d8a4b2eefc55a327fb6410f6e50e7";
const SMALL_IMAGE_ID = "sha256:c9427410cb49f6af9712954768282a369956fcc7eb29d48e9002656877b3a92a";

function inProcess(run: Runner, args: string[], env: Record<string, string>, terminal: Terminal = {}): Promise<Run> {
  return runInProcess(run, args, env, PROJECT_ROOT, terminal);
}

function childProcess(args: string[], env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("VITE_") && !name.startsWith("IMAGESEAL_")),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...base, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr, asked: [] }),
    );
  });
}

// Bounded: a hung RPC call or child fails the suite instead of holding CI (once seen, not reproduced).
describe("imageseal publish, sign and submit", { timeout: 300_000 }, async () => {
  const chain = await startTestChain();
  const temp = mkdtempSync(join(tmpdir(), "imageseal-publish-"));
  after(async () => {
    rmSync(temp, { recursive: true, force: true });
    await chain.close();
  });
  const { publicClient, registry } = chain;
  const account = (index: number) => itemAt(chain.accounts, index);
  const on = ["--chain", chain.url, "--registry", registry];
  const withKey = (index: number) => ({ IMAGESEAL_PRIVATE_KEY: key(index) });
  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read loosely: each test asserts the exact fields it needs
  const json = (run: Run) => JSON.parse(run.stdout) as Record<string, any>;
  const releaseCount = async (publisher: Address) =>
    (await getReleasesByPublisher(publicClient, registry, publisher, { limit: 1 })).total;

  test("the dev keys are the test chain's accounts", () => {
    DEV_KEYS.forEach((devKey, index) => {
      assert.equal(privateKeyToAddress(devKey), account(index));
    });
  });

  test("publishes an archive with a raw key from the environment: the review, a warning, the release recorded", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "fixture/multi:2.0", ...on, "--yes", "--json"],
      withKey(1),
    );
    assert.equal(run.status, 0, run.stderr);
    const out = json(run);
    assert.equal(out.command, "publish");
    assert.equal(out.status, "published");
    assert.equal(out.chainId, 31337);
    assert.equal(out.registry, registry);
    assert.match(out.transactionHash, /^0x[0-9a-f]{64}$/);
    assert.match(out.blockNumber, /^\d+$/);
    assert.equal(out.releases.length, 1);
    const [release] = out.releases;
    assert.deepEqual(
      { ...release, id: undefined },
      {
        id: undefined,
        name: "docker.io/fixture/multi:2.0",
        publisher: account(1),
        signer: null,
        imageId: MULTI_IMAGE_ID,
        manifestDigest: null,
        indexDigest: null,
        archiveDigest: null,
      },
    );
    const onChain = await getRelease(publicClient, registry, BigInt(release.id));
    assert.equal(onChain.publisher, account(1));
    assert.equal(onChain.imageId, MULTI_IMAGE_ID);
    assert.equal(onChain.blockNumber, BigInt(out.blockNumber));
    // The review (on stderr under --json) shows the recorded name and everything in full.
    assert.match(
      run.stderr,
      /^warning: signing with the raw key in IMAGESEAL_PRIVATE_KEY\. Use raw keys only for throw-away CI keys/m,
    );
    assert.match(run.stderr, /\n {2}name {12}docker\.io\/fixture\/multi:2\.0\n/);
    assert.match(run.stderr, new RegExp(`\\n  imageId         ${MULTI_IMAGE_ID}\\n`));
    assert.match(
      run.stderr,
      new RegExp(`\\n  publisher       ${account(1)} \\(the signing key\\)\\n  signer          ${account(1)}\\n`),
    );
    assert.match(
      run.stderr,
      new RegExp(`\\n  chain           Hardhat \\(chain id 31337\\)\\n  registry        ${registry}\\n`),
    );
    assert.match(
      run.stderr,
      /Simulating the transaction…\nThe simulation passed: the registry accepts it\.\nSent transaction 0x[0-9a-f]{64}; waiting for its block…\n/,
    );
  });

  test("exit 1 with the registry's words: publishing the same archive again", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "docker.io/fixture/multi:2.0", ...on, "--yes"],
      withKey(1),
    );
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /imageseal publish: You already published this exact release \(id [1-9]\d*-\d+\) and it is still valid\. Nothing to do; to publish it again, revoke that release first\.\n$/,
    );
    assert.equal(await releaseCount(account(1)), 1);
  });

  test("a multi-platform image: one release per platform, in one transaction", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("containerd-export-multiplatform.tar"), "--name", "localhost/fixture/mp:1", ...on, "--yes", "--json"],
      withKey(2),
    );
    assert.equal(run.status, 0, run.stderr);
    const out = json(run);
    assert.ok(out.releases.length > 1);
    assert.deepEqual(new Set(out.releases.map((r: { indexDigest: string }) => r.indexDigest)), new Set([MP_INDEX]));
    assert.deepEqual(new Set(out.releases.map((r: { name: string }) => r.name)), new Set(["localhost/fixture/mp:1"]));
    assert.equal(await releaseCount(account(2)), out.releases.length);
    assert.match(
      run.stderr,
      new RegExp(`Review: ${out.releases.length} releases \\(one per platform, in one transaction\\) to publish\\n`),
    );
    assert.match(
      run.stderr,
      /\n {2}release 1 of \d+ \(linux\/arm\/v7\)\n {4}imageId {7}sha256:0615fcebc149e3adc96acc90eab56e617fc39a0b3ccc1a3ef229bada6f4d648c\n/,
    );
  });

  test("publishes with a keystore file and the passphrase from IMAGESEAL_KEYSTORE_PASSWORD; a wrong one is exit 2", async () => {
    const keystore = join(temp, "publisher.json");
    writeFileSync(
      keystore,
      encryptKeystoreJsonSync({ address: account(3), privateKey: key(3) }, "s3cret pass", { scrypt: { N: 1 << 10 } }),
    );
    const args = [
      fixture("docker20-save-small.tar"),
      "--name",
      "docker.io/fixture/small:1.0",
      ...on,
      "--keystore",
      keystore,
      "--yes",
      "--json",
    ];
    const wrong = await inProcess(runPublish, args, { IMAGESEAL_KEYSTORE_PASSWORD: "s3cret" });
    assert.equal(wrong.status, 2);
    assert.match(
      wrong.stderr,
      /: Wrong passphrase for the keystore \(its MAC does not match\), or the file is damaged\. Nothing was decrypted\.\n$/,
    );
    assert.equal(json(wrong).error.kind, "bad-input");
    const run = await inProcess(runPublish, args, { IMAGESEAL_KEYSTORE_PASSWORD: "s3cret pass" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(json(run).releases[0].publisher, account(3));
    assert.equal(json(run).releases[0].imageId, SMALL_IMAGE_ID);
    assert.doesNotMatch(run.stderr, /warning: signing with the raw key/);
  });

  test("the keystore's passphrase is asked on a terminal, hidden, when the environment has none", async () => {
    const keystore = join(temp, "prompted.json");
    writeFileSync(
      keystore,
      encryptKeystoreJsonSync({ address: account(4), privateKey: key(4) }, "typed", { scrypt: { N: 1 << 10 } }),
    );
    const run = await inProcess(
      runPublish,
      [
        fixture("docker20-save-small.tar"),
        "--name",
        "docker.io/fixture/small:1.0",
        ...on,
        "--keystore",
        keystore,
        "--yes",
        "--json",
      ],
      {},
      { interactive: true, answer: "typed" },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.asked, [`Passphrase for ${keystore}: `]);
    assert.equal(json(run).releases[0].publisher, account(4));
  });

  test('declining at "Publish? [y/N]" (asked after the simulation) is exit 3 and sends nothing', async () => {
    const before = await releaseCount(account(5));
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "fixture/multi:2.0", ...on],
      withKey(5),
      { interactive: true, answer: "n" },
    );
    assert.equal(run.status, 3);
    assert.deepEqual(run.asked, ["Publish? [y/N] "]);
    assert.match(
      run.stderr,
      /The simulation passed: the registry accepts it\.\nPublish\? \[y\/N\] imageseal publish: You declined, so nothing was signed or sent\.\n$/,
    );
    assert.equal(await releaseCount(account(5)), before);
    // The review went to stdout before the question (no --json).
    assert.match(
      run.stdout,
      /^Review: 1 release to publish\n {2}from {12}docker20-save\.tar\n {2}name {12}docker\.io\/fixture\/multi:2\.0\n/,
    );
  });

  test("without a terminal and without --yes, nothing is inspected or sent (exit 2)", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "fixture/multi:2.0", ...on],
      withKey(5),
    );
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'imageseal publish: Publish asks for confirmation ("Publish? [y/N]"), and nobody can answer here (stdin is not a terminal). Pass --yes to publish without asking, after checking what it records.\n',
    );
  });

  test("a tampered archive is refused with exit 2 before any chain call", async () => {
    const tampered = join(temp, "tampered.tar");
    const layer = "1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/layer.tar";
    writeFileSync(
      tampered,
      await rewriteTar(new Uint8Array(readFileSync(fixture("docker20-save.tar"))), flipByte(layer, 5000)),
    );
    // Nothing listens at this chain URL: reaching it would be another error.
    const run = await inProcess(
      runPublish,
      [
        tampered,
        "--name",
        "fixture/multi:2.0",
        "--chain",
        await closedPortUrl(),
        "--registry",
        registry,
        "--yes",
        "--json",
      ],
      withKey(5),
    );
    assert.equal(run.status, 2);
    const { error } = json(run);
    assert.equal(error.kind, "archive-refused");
    assert.equal(
      error.message,
      "This archive contradicts its own digests (see the problems below), so it cannot be published. Publish an intact copy of the image.",
    );
    assert.equal(error.details.length, 1);
    assert.match(error.details[0], /1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/);
    assert.match(
      run.stderr,
      /^imageseal publish: This archive contradicts its own digests \(see the problems below\), so it cannot be published\. Publish an intact copy of the image\.\n {2}- /,
    );
  });

  test("names with hidden characters are refused (exit 2), as the page refuses them", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "fixture/multi:2.0\u202e", ...on, "--yes"],
      withKey(5),
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“fixture\/multi:2\.0\\u202e” holds control, bidi or invisible characters/);
  });

  test("an archive of several images needs --image", async () => {
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save-two-images.tar"), "--name", "fixture/two:1", ...on, "--yes"],
      withKey(5),
    );
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /The archive holds 2 images; choose one with --image <imageId or indexDigest>: image sha256:[0-9a-f]{64} tagged /,
    );
  });

  test("secrets on the command line are refused with the reason", async () => {
    for (const flag of ["--password=x", "--private-key", "--passphrase"]) {
      const run = await inProcess(runPublish, [fixture("docker20-save.tar"), "--name", "a:1", ...on, flag], withKey(5));
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        new RegExp(
          `^imageseal publish: ${flag.split("=")[0]} is refused: a secret on the command line stays in shell history and is visible to every user through \`ps\`\\.`,
        ),
      );
    }
  });

  test("sign → submit by another key: the release is the signer's; submitting it again is exit 1", async () => {
    const file = join(temp, "release.json");
    const signed = await inProcess(
      runSign,
      [
        fixture("podman-save-docker-archive.tar"),
        "--name",
        "localhost/fixture/podsmall:1",
        ...on,
        "--deadline",
        "2",
        "-o",
        file,
        "--json",
      ],
      withKey(6),
    );
    assert.equal(signed.status, 0, signed.stderr);
    assert.equal(json(signed).publisher, account(6));
    assert.equal(json(signed).signer, account(6));
    assert.equal(json(signed).nonce, "0");
    const document = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(document.format, "imageseal/signed-release");
    assert.equal(document.version, 2);
    assert.equal(await releaseCount(account(6)), 0, "signing sends nothing");

    const submitted = await inProcess(runSubmit, [file, "--chain", chain.url, "--yes", "--json"], withKey(7));
    assert.equal(submitted.status, 0, submitted.stderr);
    const [release] = json(submitted).releases;
    assert.equal(release.publisher, account(6));
    assert.equal(release.name, "localhost/fixture/podsmall:1");
    assert.match(
      submitted.stderr,
      new RegExp(
        `\\n  sent by         ${account(7)} \\(pays the gas\\)\\n  nonce           0 \\(valid while it is the publisher's nonce\\)\\n`,
      ),
    );

    const again = await inProcess(runSubmit, [file, "--chain", chain.url, "--yes"], withKey(7));
    assert.equal(again.status, 1);
    assert.match(
      again.stderr,
      /imageseal submit: The publisher already published this exact release \(id [1-9]\d*-\d+\) and it is still valid\./,
    );
    const overwrite = await inProcess(
      runSign,
      [fixture("podman-save-docker-archive.tar"), "--name", "localhost/fixture/podsmall:1", ...on, "-o", file],
      withKey(6),
    );
    assert.equal(overwrite.status, 2);
    assert.match(overwrite.stderr, /already exists: remove it or choose another -o\.\n$/);
  });

  test("a signature the publisher voided since (its nonce moved on) is refused before sending: exit 1", async () => {
    const file = join(temp, "voided.json");
    const signed = await inProcess(
      runSign,
      [fixture("docker20-save.tar"), "--name", "docker.io/fixture/multi:2.0", ...on, "-o", file],
      withKey(3),
    );
    assert.equal(signed.status, 0, signed.stderr);
    assert.match(
      signed.stdout,
      new RegExp(
        `^Signed for the publisher's nonce 0; saved ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\. Anyone can submit it`,
        "m",
      ),
    );
    await writeRegistry(chain, 3, "invalidateNonces", [4n]);
    const run = await inProcess(runSubmit, [file, "--chain", chain.url, "--yes", "--json"], withKey(7));
    assert.equal(run.status, 1);
    assert.deepEqual(json(run).error, {
      kind: "signed-release-invalid",
      message:
        "The publisher has revoked a release or cancelled its signatures since this was signed (nonce 0, now 4), which voided the signature: ask for a new signature.",
    });
  });

  test("sign takes one platform of a multi-platform image, chosen with --platform", async () => {
    const file = join(temp, "arm.json");
    const args = [
      fixture("containerd-export-multiplatform.tar"),
      "--name",
      "localhost/fixture/mp:1",
      ...on,
      "-o",
      file,
    ];
    const unchosen = await inProcess(runSign, args, withKey(4));
    assert.equal(unchosen.status, 2);
    assert.match(
      unchosen.stderr,
      /A signed release holds one release, and this image has 3 platforms \(linux\/arm\/v7, [^)]+\): choose one with --platform/,
    );
    const chosen = await inProcess(runSign, [...args, "--platform", "linux/arm/v7", "--json"], withKey(4));
    assert.equal(chosen.status, 0, chosen.stderr);
    assert.deepEqual(json(chosen).release, {
      name: "localhost/fixture/mp:1",
      imageId: "sha256:0615fcebc149e3adc96acc90eab56e617fc39a0b3ccc1a3ef229bada6f4d648c",
      manifestDigest: "sha256:8c95d15e16befe20b86e110cdccac65959c9e26bf8fe7330bf5e3e48e5f4dda2",
      indexDigest: MP_INDEX,
      archiveDigest: null,
    });
  });

  test("a delegate key publishes for its publisher with --for (publishFor)", async () => {
    const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 86_400);
    await writeRegistry(chain, 2, "authorizeDelegate", [account(5), "docker.io/fixture/", expiresAt]);
    const run = await inProcess(
      runPublish,
      [fixture("docker20-save.tar"), "--name", "fixture/multi:2.0", ...on, "--for", account(2), "--yes", "--json"],
      withKey(5),
    );
    assert.equal(run.status, 0, run.stderr);
    const [release] = json(run).releases;
    assert.equal(release.publisher, account(2));
    assert.equal(release.signer, account(5));
    const outOfScope = await inProcess(
      runPublish,
      [
        fixture("podman-save-docker-archive.tar"),
        "--name",
        "localhost/fixture/podsmall:1",
        ...on,
        "--for",
        account(2),
        "--yes",
      ],
      withKey(5),
    );
    assert.equal(outOfScope.status, 1);
    assert.match(
      outOfScope.stderr,
      /The delegate may publish only names starting with "docker\.io\/fixture\/", and "localhost\/fixture\/podsmall:1" does not\./,
    );
  });

  test("the real entry, as a pipeline runs it: a plain file by its sha256, exit 0, then 1", async () => {
    const file = join(temp, "tool-1.0.zip");
    writeFileSync(file, "not really a zip\n");
    const args = ["publish", file, "--name", "tool-1.0.zip", ...on, "--yes", "--json"];
    const run = await childProcess(args, withKey(7));
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      { ...json(run).releases[0], id: undefined },
      {
        id: undefined,
        name: "tool-1.0.zip",
        publisher: account(7),
        signer: null,
        imageId: null,
        manifestDigest: null,
        indexDigest: null,
        archiveDigest: sha256("not really a zip\n"),
      },
    );
    const again = await childProcess(args, withKey(7));
    assert.equal(again.status, 1);
    assert.equal(json(again).error.kind, "contract-revert");
  });
});
