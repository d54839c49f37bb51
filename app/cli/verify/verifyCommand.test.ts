// `imageseal verify` as a user runs it: a child process against a real local chain (EDR
// behind an HTTP JSON-RPC server in this process) on which the fixtures were published.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Address } from "viem";
import { publishRelease } from "../../chain/actions/publishRelease.ts";
import { publishReleaseBatch } from "../../chain/actions/publishReleaseBatch.ts";
import { revokeRelease } from "../../chain/actions/revokeRelease.ts";
import { imageRegistryAbi } from "../../chain/generated/imageRegistryAbi.ts";
import { releaseInputToChain } from "../../chain/releaseInput.ts";
import { closedPortUrl, startTestChain } from "../../chain/test/testChain.ts";
import type { Digest } from "../../image/digest.ts";
import { flipByte, rewriteTar } from "../../image/test/rewriteTar.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import type { VerificationJson } from "../../verdict/verificationJson.ts";
import type { CliIo } from "../command.ts";
import { verifyCommand } from "./verifyCommand.ts";

const CLI = fileURLToPath(new URL("../imageseal.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../image/fixtures/${name}`, import.meta.url));
const sha256 = (bytes: Uint8Array | string): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

// Ground truth from the tools (app/image/fixtures/expected.json).
const MULTI_IMAGE_ID = "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";
const MULTI_MANIFEST = "sha256:a1205f2ff7c00e8c472d87021013de08ce84303e44402461f09f7bb57adf537c";
const SMALL_IMAGE_ID = "sha256:c9427410cb49f6af9712954768282a369956fcc7eb29d48e9002656877b3a92a";
const PODSMALL_IMAGE_ID = "sha256:bb4ac0505a0975a764479f1256dbfa6ae9fe695b0eb947e4b73687a6f52e76a4";
const TWO_A_IMAGE_ID = "sha256:a209e637402e79f8d24802d7f249a97981a367c99817b8afd09717276103426b";

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITE_")));
}

/** The CLI as a separate process, with a clean environment (no local-registry settings from the shell). */
function imagesealProcess(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, "verify", ...args],
      { env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The same command in this process: what `imageseal verify` runs after parsing argv, minus
 * a Node start-up (~0.7 s of module loading per run), so most cases use it.
 */
async function imageseal(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    interrupt: new AbortController().signal,
  };
  const saved = process.env;
  process.env = cleanEnv();
  try {
    const status = await verifyCommand.run(args, io);
    return { status, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

function verdicts(run: Run): { overall: string; targets: string[]; json: VerificationJson } {
  const json = JSON.parse(run.stdout) as VerificationJson;
  return { overall: json.verdict, targets: json.targets.map((t) => t.verdict), json };
}

describe("imageseal verify", async () => {
  const chain = await startTestChain();
  const temp = mkdtempSync(join(tmpdir(), "imageseal-verify-"));
  after(async () => {
    rmSync(temp, { recursive: true, force: true });
    await chain.close();
  });
  const { publicClient, registry } = chain;
  const [alice, bob] = chain.accounts as [Address, Address];
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const on = ["--chain", chain.url, "--registry", registry];
  const none = { manifestDigest: null, indexDigest: null, archiveDigest: null };

  // alice releases fixture/multi:2.0 (as containerd exported it), fixture/two-a:1 and the
  // podman image; she releases fixture/small:1.0 and revokes it; mallory (account 2) copies
  // alice's name for the same image.
  await publishRelease(as(0), registry, {
    name: "docker.io/fixture/multi:2.0",
    imageId: MULTI_IMAGE_ID,
    manifestDigest: MULTI_MANIFEST,
    indexDigest: null,
    archiveDigest: null,
  });
  await publishRelease(as(2), registry, { name: "fixture/multi:2.0", imageId: MULTI_IMAGE_ID, ...none });
  await publishRelease(as(0), registry, { name: "docker.io/fixture/two-a:1", imageId: TWO_A_IMAGE_ID, ...none });
  await publishRelease(as(0), registry, { name: "localhost/fixture/podsmall:1", imageId: PODSMALL_IMAGE_ID, ...none });
  const small = await publishRelease(as(0), registry, {
    name: "docker.io/fixture/small:1.0",
    imageId: SMALL_IMAGE_ID,
    ...none,
  });
  await revokeRelease(as(0), registry, itemAt(small.releaseIds, 0), "CVE-2026-4242: a key was left in layer 1");

  test("VERIFIED, exit 0: the same image saved four ways (docker 20, re-tagged, podman re-save, containerd export)", async () => {
    const files = [
      "docker20-save.tar",
      "docker20-resave-retag.tar",
      "podman-resave-docker-archive.tar",
      "containerd-export.tar",
    ];
    const runs = await Promise.all(
      files.map((file, i) =>
        (i === 0 ? imagesealProcess : imageseal)(
          fixture(file),
          ...on,
          "--publisher",
          alice,
          "--name",
          "fixture/multi:2.0",
          "--json",
        ),
      ),
    );
    runs.forEach((run, i) => {
      assert.equal(run.status, 0, `${files[i]}: ${run.stderr}`);
      const { overall, json } = verdicts(run);
      assert.equal(overall, "VERIFIED");
      assert.equal(json.targets[0]?.release?.publisher, alice);
      assert.equal(json.targets[0]?.release?.name, "docker.io/fixture/multi:2.0");
    });
    assert.deepEqual(verdicts(itemAt(runs, 0)).json.targets[0]?.matched, ["imageId"]);
    assert.deepEqual(
      verdicts(itemAt(runs, 3)).json.targets[0]?.matched,
      ["imageId", "manifestDigest"],
      "containerd's export also has the manifest alice recorded",
    );
    const conflict = verdicts(itemAt(runs, 0)).json.targets[0]?.evidence.find((e) => e.kind === "name-conflict");
    assert.match(
      conflict?.message ?? "",
      new RegExp(
        `^2 publishers have published docker\\.io/fixture/multi:2\\.0: ${alice} \\(trusted\\) and ${chain.accounts[2]}\\.`,
      ),
    );
  });

  test("the verdict for people: the word, who released it, when, the digests and the trust", async () => {
    const run = await imageseal(fixture("docker20-save.tar"), ...on, "--publisher", alice);
    assert.equal(run.status, 0);
    assert.match(
      run.stdout,
      new RegExp(
        `^docker20-save\\.tar: VERIFIED\\n  Released by ${alice} \\(a publisher you trust\\) as docker\\.io/fixture/multi:2\\.0 on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\.\\n`,
      ),
    );
    assert.match(run.stdout, /\n {2}VERIFIED {2}the image \(linux\/amd64\) {3}\(matched by imageId\)\n/);
    assert.match(run.stdout, new RegExp(`    imageId         ${MULTI_IMAGE_ID}\\n`));
    assert.match(
      run.stdout,
      /✓ Released by 0x.* \(release [1-9]\d*-\d+, block \d+, tx 0x[0-9a-f]{64}\), by imageId; a publisher you trust\./,
    );
    assert.match(run.stdout, new RegExp(`trusting   ${alice} \\(any name\\)`));
  });

  test("UNTRUSTED, exit 1: released, but not by the publisher given — or no publisher given", async () => {
    const [byBob, nobody] = await Promise.all([
      imageseal(fixture("docker20-save.tar"), ...on, "--publisher", bob, "--json"),
      imageseal(fixture("docker20-save.tar"), ...on),
    ]);
    assert.equal(byBob.status, 1);
    assert.equal(verdicts(byBob).overall, "UNTRUSTED");
    assert.match(
      verdicts(byBob).json.summary,
      new RegExp(`^Released only by publishers you do not trust: ${chain.accounts[2]} and ${alice}\\.`),
      "newest first",
    );
    assert.equal(nobody.status, 1);
    assert.match(nobody.stdout, /: UNTRUSTED\n/);
    assert.match(
      nobody.stdout,
      /trusting {3}nobody \(pass --publisher <address> or --namespace <scope>\): nothing can be VERIFIED/,
    );
  });

  test("UNTRUSTED, exit 1: the trusted publisher released it under another name than --name", async () => {
    const run = await imageseal(
      fixture("docker20-resave-retag.tar"),
      ...on,
      "--publisher",
      alice,
      "--name",
      "fixture/multi:latest",
      "--json",
    );
    assert.equal(run.status, 1);
    assert.equal(verdicts(run).overall, "UNTRUSTED");
    // mallory's copy is counted, not read: alice's release decides the word.
    assert.equal(
      verdicts(run).json.summary,
      "A publisher you trust released it only as docker.io/fixture/multi:2.0, not as fixture/multi:latest; 1 release by publishers you do not trust also names it (not read). This is not a pass.",
    );
  });

  test("TAMPERED, exit 1: one byte of a layer changed — which layer, expected and found", async () => {
    const tampered = join(temp, "tampered.tar");
    const layer = "1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/layer.tar";
    writeFileSync(
      tampered,
      await rewriteTar(new Uint8Array(readFileSync(fixture("docker20-save.tar"))), flipByte(layer, 5000)),
    );
    const run = await imagesealProcess(tampered, ...on, "--publisher", alice, "--json");
    assert.equal(run.status, 1);
    const { overall, json } = verdicts(run);
    assert.equal(overall, "TAMPERED");
    const [tampering] = json.targets[0]?.evidence ?? [];
    assert.equal(tampering?.kind, "tampering");
    assert.match(
      tampering?.message ?? "",
      /layer 2 \(1f4dc0379e2e.*\/layer\.tar\) does not match the config's diff_id: expected sha256:ab54cdcbcd51…, found sha256:/,
    );
    assert.ok(
      json.targets[0]?.evidence.some((e) => e.kind === "unvouched-release"),
      "alice's release is shown, vouching for nothing",
    );
  });

  test("REVOKED, exit 1: with when and why", async () => {
    const run = await imageseal(fixture("docker20-save-small.tar"), ...on, "--publisher", alice);
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      new RegExp(
        `^docker20-save-small\\.tar: REVOKED\\n  ${alice} revoked its release of this image as docker\\.io/fixture/small:1\\.0 on .* UTC: "CVE-2026-4242: a key was left in layer 1"\\.\\n`,
      ),
    );
  });

  test("UNKNOWN, exit 1: nobody released it; or ImageSeal cannot check it (zstd layers), even with a trusted release", async () => {
    const [unpublished, zstd, podman] = await Promise.all([
      imageseal(fixture("docker26-save.tar"), ...on, "--publisher", alice, "--json"),
      imageseal(fixture("skopeo-copy-oci-archive-zstd.tar"), ...on, "--publisher", alice, "--json"),
      imageseal(fixture("podman-save-docker-archive.tar"), ...on, "--publisher", alice, "--json"),
    ]);
    assert.deepEqual(
      [unpublished.status, verdicts(unpublished).overall, verdicts(unpublished).json.targets[0]?.unknownReason],
      [1, "UNKNOWN", "no-release"],
    );
    assert.deepEqual(
      [zstd.status, verdicts(zstd).overall, verdicts(zstd).json.targets[0]?.unknownReason],
      [1, "UNKNOWN", "cannot-vouch"],
    );
    assert.deepEqual([podman.status, verdicts(podman).overall], [0, "VERIFIED"], "the same image, checkable, passes");
  });

  test("several images: each gets a word; the archive passes only when all do", async () => {
    const run = await imageseal(fixture("docker20-save-two-images.tar"), ...on, "--publisher", alice, "--json");
    assert.equal(run.status, 1);
    const { overall, json } = verdicts(run);
    assert.deepEqual(
      json.targets.map((t) => [t.target.kind === "image" && t.target.imageId, t.verdict]),
      [
        ["sha256:77925bac480dadcfd28a95e7a359c74741564037d2220630985999ea6264cb2d", "UNKNOWN"],
        [TWO_A_IMAGE_ID, "VERIFIED"],
      ],
    );
    assert.equal(overall, "UNKNOWN");
    assert.match(
      json.summary,
      /^1 of 2 images VERIFIED; image 1 of 2 \(linux\/amd64\) is UNKNOWN: No release on this registry names/,
    );
  });

  test("a plain file: VERIFIED by its archiveDigest", async () => {
    const file = join(temp, "firmware.bin");
    writeFileSync(file, "firmware 1.0\n");
    await publishRelease(as(1), registry, {
      name: "acme-firmware-1.0.bin",
      imageId: null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: sha256("firmware 1.0\n"),
    });
    const run = await imageseal(file, ...on, "--publisher", bob, "--json");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      [verdicts(run).overall, verdicts(run).json.targets[0]?.target.kind, verdicts(run).json.targets[0]?.matched],
      ["VERIFIED", "file", ["archiveDigest"]],
    );
  });

  test("a release by a delegate key: who and through which key; once the grant is revoked, REVOKED saying when", async () => {
    const ciKey = itemAt(chain.accounts, 6);
    const write = async (
      account: number,
      functionName: "authorizeDelegate" | "revokeDelegate" | "publishFor",
      args: readonly unknown[],
    ) => {
      const hash = await chain.wallet(account).writeContract({
        address: registry,
        abi: imageRegistryAbi,
        functionName,
        args: args as never,
        chain: chain.chain,
        account: itemAt(chain.accounts, account),
      });
      return publicClient.waitForTransactionReceipt({ hash });
    };
    const file = join(temp, "acme-ci-1.0.bin");
    writeFileSync(file, "built by CI\n");
    await write(1, "authorizeDelegate", [ciKey, "acme-", (await publicClient.getBlock()).timestamp + 86_400n]);
    await write(6, "publishFor", [
      bob,
      [
        releaseInputToChain({
          name: "acme-ci-1.0.bin",
          imageId: null,
          manifestDigest: null,
          indexDigest: null,
          archiveDigest: sha256("built by CI\n"),
        }),
      ],
    ]);
    const run = await imageseal(file, ...on, "--publisher", bob);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^acme-ci-1\\.0\\.bin: VERIFIED\\n  Released by ${bob} \\(a publisher you trust\\) through delegate key ${ciKey} as acme-ci-1\\.0\\.bin on `,
      ),
    );
    assert.match(
      run.stdout,
      new RegExp(`✓ Released by ${bob} through delegate key ${ciKey} as acme-ci-1\\.0\\.bin on `),
    );

    await write(1, "revokeDelegate", [ciKey]);
    const revoked = await imageseal(file, ...on, "--publisher", bob, "--json");
    assert.equal(revoked.status, 1);
    const { overall, json } = verdicts(revoked);
    assert.equal(overall, "REVOKED");
    assert.deepEqual(
      [json.targets[0]?.release?.signer, json.targets[0]?.release?.valid, json.targets[0]?.release?.revokedAt],
      [ciKey, false, null],
    );
    assert.match(
      json.summary,
      new RegExp(
        `^Published by ${bob} through delegate key ${ciKey} as acme-ci-1\\.0\\.bin on .* UTC, but not valid: the delegation of key ${ciKey} by ${bob} was revoked on .* UTC\\.$`,
      ),
    );
    const [void_] = json.targets[0]?.evidence ?? [];
    assert.deepEqual([void_?.kind, void_?.kind === "delegation-void" && void_.lapse], ["delegation-void", "revoked"]);
  });

  test("other publishers' releases: counted in the verdict; --others N lists the newest N; --json carries both", async () => {
    const copies = [1, 2, 3].map((i) => ({
      name: `fixture/multi:copy-${i}`,
      imageId: MULTI_IMAGE_ID as Digest,
      ...none,
    }));
    await publishReleaseBatch(as(3), registry, copies);
    const plain = await imageseal(fixture("docker20-save.tar"), ...on, "--publisher", alice);
    // mallory's copy and account 3's three: four, none of them read.
    assert.match(
      plain.stdout,
      /\n {4}· 4 releases by other publishers name this image by its imageId sha256:95adec1d2026… \(not read: anyone can add to them, so they are listed on demand\)\.\n/,
    );
    const listed = await imageseal(fixture("docker20-save.tar"), ...on, "--publisher", alice, "--others", "2");
    assert.equal(listed.status, 0, listed.stderr);
    const section = listed.stdout.slice(listed.stdout.indexOf("other releases naming"));
    assert.match(
      section,
      /^other releases naming sha256:95adec1d2026…: the newest 2 \(5 releases by anyone name it\)\n {2}· 0x[0-9a-fA-F]{40} as fixture\/multi:copy-3 on .*\n {2}· 0x[0-9a-fA-F]{40} as fixture\/multi:copy-2 on .*\n\n/,
    );
    const json = verdicts(
      await imageseal(fixture("docker20-save.tar"), ...on, "--publisher", alice, "--others", "10", "--json"),
    ).json;
    assert.deepEqual(
      json.digestTotals.find((t) => t.digest === MULTI_IMAGE_ID),
      { digest: MULTI_IMAGE_ID, total: 5 },
    );
    assert.deepEqual(
      json.others?.map((o) => [o.digest, o.total, o.releases.map((r) => r.name)]),
      [
        [
          MULTI_IMAGE_ID,
          5,
          ["fixture/multi:copy-3", "fixture/multi:copy-2", "fixture/multi:copy-1", "fixture/multi:2.0"],
        ],
      ],
    );
    assert.equal(
      json.others?.[0]?.releases.some((r) => r.publisher === alice),
      false,
      "the trusted publisher's own release is in the verdict, not among the others",
    );
    const unlisted = verdicts(
      await imageseal(fixture("docker20-save.tar"), ...on, "--publisher", alice, "--json"),
    ).json;
    assert.equal(unlisted.others, undefined, "read only when asked for");
  });

  test("exit 2 for bad input: usage, an address, a file, a chain, a registry", async () => {
    // (An RPC URL of a 31337 chain without --registry finds npm start's deployment when there is
    // one on this machine: resolveChain.test.ts checks both ways with a project root of its own.)
    const cases: [string[], RegExp][] = [
      [[fixture("docker20-save.tar")], /give one file or image reference, and --chain/],
      [[fixture("docker20-save.tar"), ...on, "--publisher", "0x123"], /--publisher is not an address: "0x123"/],
      [
        [fixture("docker20-save.tar"), ...on, "--others", "all"],
        /--others must be a whole number from 0 to 10000: "all"/,
      ],
      [[join(temp, "missing.tar"), ...on], /cannot open .*missing\.tar/],
      [
        [fixture("docker20-save.tar"), "--chain", "atlantis"],
        /Unknown chain "atlantis"\. Use localhost, an RPC URL, or one of: hardhat, sepolia/,
      ],
      [[fixture("docker20-save.tar"), "--chain", "sepolia"], /No ImageRegistry deployment is known on Sepolia/],
      [
        [fixture("docker20-save.tar"), "--chain", chain.url, "--registry", bob],
        new RegExp(`No ImageRegistry at ${bob} on chain 31337`),
      ],
      [
        [fixture("docker20-save.tar"), "--chain", await closedPortUrl(), "--registry", registry],
        /The chain's RPC endpoint .* did not answer \(connect ECONNREFUSED/,
      ],
    ];
    const runs = await Promise.all(
      cases.map(([args], i) => (i === cases.length - 1 ? imagesealProcess : imageseal)(...args)),
    );
    runs.forEach((run, i) => {
      assert.equal(run.status, 2, `case ${i}: ${run.stderr}`);
      assert.match(run.stderr, (cases[i] as [string[], RegExp])[1]);
      assert.equal(run.stdout, "");
    });
    const help = await imageseal("--help");
    assert.equal(help.status, 0);
    assert.match(help.stdout, /exit status:\n {2}0 {2}every image in the archive \(or the file\) is VERIFIED/);
  });
});
