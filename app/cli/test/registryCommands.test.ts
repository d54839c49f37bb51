// verify, publish and claim by image reference, against a real registry (CNCF distribution,
// Debian's docker-registry, started per suite) and a real local chain (EDR over HTTP). Images
// are pushed with skopeo; the CLI reads them with app/registry and docker-config credentials.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import { startTestChain } from "../../chain/test/testChain.ts";
import { nodeSha256 } from "../../image/hash/nodeSha256.ts";
import { itemAt, present } from "../../image/util/itemAt.ts";
import { RegistryClient } from "../../registry/client.ts";
import { DEFAULT_USER, pushArchive, startLocalRegistry } from "../../tools/localRegistry.ts";
import type { VerificationJson } from "../../verdict/verificationJson.ts";
import { runClaim } from "../claim/runClaim.ts";
import { runPublish } from "../publish/runPublish.ts";
import { runVerify } from "../verify/runVerify.ts";
import { type Run, type Runner, runInProcess } from "./runInProcess.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = fileURLToPath(new URL("../imageseal.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../image/fixtures/${name}`, import.meta.url));
/** Hardhat's dev keys for accounts 1 and 2 (account 0 deployed the registry); they hold nothing of value anywhere else. */
const KEYS: Record<number, Hex> = {
  1: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  2: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
};
// Ground truth from the tools (app/image/fixtures/expected.json): skopeo recompresses the
// layers, so the registry's manifest digest is new, but the config (image ID) is the same.
const MULTI_IMAGE_ID = "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";

const verify: Runner = (args, io) => runVerify(args, io);
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read loosely: each test asserts the exact fields it needs
const json = (run: Run) => JSON.parse(run.stdout) as Record<string, any>;
const verdictOf = (run: Run) =>
  JSON.parse(run.stdout) as VerificationJson & {
    source?: { reference: string; repository: string; digest: string; layersPulled: boolean };
  };

describe("imageseal verify, publish and claim by image reference", { timeout: 300_000 }, async () => {
  const temp = mkdtempSync(join(tmpdir(), "imageseal-byref-"));
  const chain = await startTestChain();
  const open = await startLocalRegistry({ mode: "open" });
  after(async () => {
    await open.stop();
    await chain.close();
    rmSync(temp, { recursive: true, force: true });
  });
  // No credentials anywhere: the user's own docker and podman files are never read.
  const anonymous = { HOME: temp, DOCKER_CONFIG: join(temp, "no-docker"), XDG_CONFIG_HOME: join(temp, "no-xdg") };
  const withKey = (account: 1 | 2) => ({
    ...anonymous,
    IMAGESEAL_PRIVATE_KEY: present(KEYS[account], `the key of account ${account}`),
  });
  const account = (index: number) => itemAt(chain.accounts, index);
  const on = ["--chain", chain.url, "--registry", chain.registry];
  const run = (runner: Runner, args: string[], env: Record<string, string> = anonymous) =>
    runInProcess(runner, args, env, PROJECT_ROOT);
  const reader = new RegistryClient({ sha256: nodeSha256, inBrowser: false });

  await pushArchive(open, fixture("docker20-save.tar"), "fixture/multi:2.0");
  await pushArchive(open, fixture("docker20-save.tar"), "fixture/other:2.0");
  const REF = `${open.domain}/fixture/multi:2.0`;
  const OTHER = `${open.domain}/fixture/other:2.0`;
  const served = await reader.getManifest({ domain: open.domain, path: "fixture/multi" }, "2.0");

  test("publish <reference> records the registry's digests under the reference, and the review says where they came from", async () => {
    const published = await run(runPublish, [REF, ...on, "--yes", "--json"], withKey(1));
    assert.equal(published.status, 0, published.stderr);
    const [release, ...more] = json(published).releases;
    assert.equal(more.length, 0);
    assert.deepEqual(
      { ...release, id: undefined },
      {
        id: undefined,
        name: REF,
        publisher: account(1),
        signer: null,
        imageId: MULTI_IMAGE_ID,
        manifestDigest: served.digest,
        indexDigest: null,
        archiveDigest: null,
      },
    );
    assert.match(
      published.stderr,
      new RegExp(
        `\\n  from            ${REF} \\(registry\\)\\n  resolved to     ${served.digest}\\n  digests         read from the registry: the sha256 of each manifest and config it served,\\n                  checked; layers not pulled \\(--pull checks them\\)\\n  name            ${REF}\\n`,
      ),
    );
    // The other repository, same image: for the namespace cases below.
    assert.equal((await run(runPublish, [OTHER, ...on, "--yes"], withKey(1))).status, 0);
  });

  test("verify <reference> is VERIFIED, the same word as the saved archive verified with --name the reference", async () => {
    const [byReference, byArchive, text] = await Promise.all([
      run(verify, [REF, ...on, "--publisher", account(1), "--json"]),
      run(verify, [fixture("docker20-save.tar"), ...on, "--publisher", account(1), "--name", REF, "--json"]),
      run(verify, [REF, ...on, "--publisher", account(1)]),
    ]);
    assert.equal(byReference.status, 0, byReference.stderr);
    assert.equal(byArchive.status, 0, byArchive.stderr);
    const reference = verdictOf(byReference);
    assert.equal(reference.verdict, "VERIFIED");
    assert.equal(verdictOf(byArchive).verdict, reference.verdict);
    assert.equal(reference.requestedName, REF);
    assert.equal(reference.format, "registry");
    assert.deepEqual(reference.source, {
      reference: REF,
      repository: `${open.domain}/fixture/multi`,
      digest: served.digest,
      layersPulled: false,
    });
    assert.match(text.stdout, new RegExp(`^${REF}: VERIFIED\\n`));
    assert.match(
      text.stdout,
      new RegExp(
        `\\nreference  ${REF} → ${served.digest}\\nlayers     not pulled \\(the manifest digest binds them; --pull downloads and checks each\\)\\n`,
      ),
    );
    assert.match(text.stdout, new RegExp(`\\nname       ${REF}\\n`));
  });

  test("the imageseal entry verifies a reference as a child process, with --pull (the layers stream through node:zlib and node:crypto)", async () => {
    const result = await new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [CLI, "verify", REF, ...on, "--publisher", account(1), "--pull"],
        { env: { PATH: process.env.PATH, ...anonymous }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr, asked: [] }),
      );
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(
      result.stdout,
      new RegExp(`^${REF}: VERIFIED\\n[^]*\\nlayers     pulled and checked against their digests\\n`),
    );
  });

  test("verify --pull downloads and checks every layer; another tag's name is not the release's (UNTRUSTED)", async () => {
    const pulled = await run(verify, [REF, ...on, "--publisher", account(1), "--pull", "--json"]);
    assert.equal(pulled.status, 0, pulled.stderr);
    assert.equal(verdictOf(pulled).source?.layersPulled, true);
    await pushArchive(open, fixture("docker20-save.tar"), "fixture/multi:latest");
    const otherTag = await run(verify, [`${open.domain}/fixture/multi`, ...on, "--publisher", account(1), "--json"]);
    assert.equal(otherTag.status, 1);
    assert.equal(verdictOf(otherTag).requestedName, `${open.domain}/fixture/multi:latest`);
    assert.notEqual(verdictOf(otherTag).verdict, "VERIFIED");
  });

  test("claim push signs, pushes and records a repository claim; claim list shows it proven", async () => {
    const pushed = await run(runClaim, ["push", `${open.domain}/fixture/multi`, ...on, "--yes", "--json"], withKey(1));
    assert.equal(pushed.status, 0, pushed.stderr);
    const out = json(pushed);
    assert.equal(out.status, "recorded");
    assert.equal(out.publisher, account(1));
    assert.equal(out.scope, `${open.domain}/fixture/multi`);
    assert.equal(out.location, `oci://${open.domain}/fixture/multi`);
    assert.equal(out.claim.index, 0);
    assert.equal(out.check.status, "proven");
    const artifact = await reader.getManifest({ domain: open.domain, path: "fixture/multi" }, "imageseal-claim");
    assert.equal(out.artifact.digest, artifact.digest);

    const listed = await run(runClaim, ["list", account(1), ...on, "--json"]);
    assert.equal(listed.status, 0, listed.stderr);
    const [claim, ...more] = json(listed).claims;
    assert.equal(more.length, 0);
    assert.equal(claim.location, `oci://${open.domain}/fixture/multi`);
    assert.equal(claim.withdrawnAt, null);
    assert.equal(claim.check.status, "proven");
    assert.equal(claim.check.evidence.artifactDigest, artifact.digest);
    const text = await run(runClaim, ["list", account(1), ...on]);
    assert.match(
      text.stdout,
      new RegExp(
        `^${account(1)}: 1 claim recorded, 1 proven now \\(Hardhat, registry ${chain.registry}\\)\\n  #0  oci://${open.domain}/fixture/multi   recorded \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\n       ✓ proven: push rights to the repository ${open.domain}/fixture/multi \\(artifact ${artifact.digest}, checked now\\)\\n$`,
      ),
    );
    // Pushing again replaces the artifact and records nothing more.
    const again = await run(runClaim, ["push", `${open.domain}/fixture/multi`, ...on, "--yes", "--json"], withKey(1));
    assert.equal(again.status, 0, again.stderr);
    assert.equal(json(again).claim.transactionHash, null);
    assert.match(again.stderr, /is already recorded as your claim #0: not recorded again\./);
  });

  test("claim check looks at one location for one publisher; declining the push sends nothing (exit 3)", async () => {
    const location = `oci://${open.domain}/fixture/multi`;
    const proven = await run(runClaim, ["check", location, "--publisher", account(1), ...on, "--json"]);
    assert.equal(proven.status, 0, proven.stderr);
    assert.equal(json(proven).check.status, "proven");
    const stranger = await run(runClaim, ["check", location, "--publisher", account(2), ...on]);
    assert.equal(stranger.status, 1);
    assert.match(
      stranger.stdout,
      new RegExp(
        `^${location} for ${account(2)} \\(Hardhat, registry ${chain.registry}\\):\\n  ✗ no-claim-for-publisher: `,
      ),
    );
    // A second publisher's push keeps the first one's claim in the artifact.
    const second = await run(
      runClaim,
      ["push", `${open.domain}/fixture/multi`, ...on, "--yes", "--no-record", "--json"],
      withKey(2),
    );
    assert.equal(second.status, 0, second.stderr);
    assert.equal(json(second).status, "pushed");
    assert.equal(json(second).claim, null);
    assert.match(second.stderr, /\(manifest sha256:[0-9a-f]{64}, with the 1 other claim it held\)/);
    const both = await Promise.all(
      [account(1), account(2)].map((publisher) =>
        run(runClaim, ["check", location, "--publisher", publisher, ...on, "--json"]),
      ),
    );
    assert.deepEqual(
      both.map((result) => [result.status, json(result).check.status]),
      [
        [0, "proven"],
        [0, "proven"],
      ],
    );
    const declined = await runInProcess(
      runClaim,
      ["push", `${open.domain}/fixture/declined`, ...on],
      withKey(2),
      PROJECT_ROOT,
      { interactive: true, answer: "n" },
    );
    assert.equal(declined.status, 3);
    assert.deepEqual(declined.asked, ["Push and record? [y/N] "]);
    assert.match(declined.stderr, /imageseal claim push: You declined, so nothing was signed, pushed or sent\.\n$/);
    await assert.rejects(
      reader.getManifest({ domain: open.domain, path: "fixture/declined" }, "imageseal-claim"),
      /not found \(404\)/,
    );
    const help = await run(runClaim, ["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: imageseal claim push <repository> --chain <c>/);
  });

  test("verify --namespace trusts the proven controller of the repository; a claim in one repository grants nothing in another", async () => {
    const scoped = await run(verify, [REF, ...on, "--namespace", `${open.domain}/fixture/multi`, "--json"]);
    assert.equal(scoped.status, 0, scoped.stderr);
    assert.equal(verdictOf(scoped).verdict, "VERIFIED");
    const namespaceWide = await run(verify, [REF, ...on, "--namespace", `${open.domain}/fixture`]);
    assert.equal(namespaceWide.status, 0, namespaceWide.stderr);
    assert.match(namespaceWide.stdout, new RegExp(`\\ntrusting   whoever proves control of ${open.domain}/fixture\\n`));
    // Another repository's scope does not include fixture/multi.
    const elsewhere = await run(verify, [REF, ...on, "--namespace", `${open.domain}/fixture/other`, "--json"]);
    assert.equal(elsewhere.status, 1);
    assert.equal(verdictOf(elsewhere).verdict, "UNTRUSTED");
    // fixture/other is under the trusted namespace and published by the same key, but the claim covers fixture/multi only.
    const other = await run(verify, [OTHER, ...on, "--namespace", `${open.domain}/fixture`, "--json"]);
    assert.equal(other.status, 1);
    assert.equal(verdictOf(other).verdict, "UNTRUSTED");
  });

  test("claim well-known writes the domain's document; served and recorded, it is proven", async () => {
    let served: Buffer | null = null;
    const server = createServer((request, response) => {
      if (request.url === "/.well-known/imageseal.json" && served !== null)
        response.writeHead(200, { "content-type": "application/json" }).end(served);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const out = join(temp, "imageseal.json");
      const written = await run(runClaim, ["well-known", domain, "--out", out, ...on, "--json"], withKey(2));
      assert.equal(written.status, 0, written.stderr);
      const document = JSON.parse(readFileSync(out, "utf8")) as {
        imageseal: string;
        claims: { publisher: string; scope: string; chainId: number; registry: string; signature: string }[];
      };
      assert.equal(document.imageseal, "claims/v1");
      assert.deepEqual(
        document.claims.map(({ signature: _, ...claim }) => claim),
        [{ publisher: account(2), scope: domain, chainId: 31337, registry: chain.registry }],
      );
      assert.equal(json(written).url, `http://${domain}/.well-known/imageseal.json`);
      assert.match(written.stderr, new RegExp(`Serve it at http://${domain}/\\.well-known/imageseal\\.json`));
      // Recorded before it is served: allowed, and said.
      const early = await run(runClaim, ["record", `http://${domain}`, ...on, "--yes", "--json"], withKey(2));
      assert.equal(early.status, 0, early.stderr);
      assert.equal(json(early).check.status, "failed");
      assert.match(early.stderr, /does not check out now: recording it anyway/);
      served = readFileSync(out);
      const [claim] = json(await run(runClaim, ["list", account(2), ...on, "--json"])).claims;
      assert.equal(claim.location, `http://${domain}`);
      assert.equal(claim.check.status, "proven");
      assert.equal(claim.check.evidence.url, `http://${domain}/.well-known/imageseal.json`);
    } finally {
      server.close();
    }
  });

  test("a withdrawn claim is listed as withdrawn and trusts nobody", async () => {
    const withdrawn = await run(runClaim, ["withdraw", "0", ...on, "--yes", "--json"], withKey(1));
    assert.equal(withdrawn.status, 0, withdrawn.stderr);
    assert.equal(json(withdrawn).location, `oci://${open.domain}/fixture/multi`);
    const listed = json(await run(runClaim, ["list", account(1), ...on, "--json"]));
    assert.equal(listed.claims[0].check.status, "failed");
    assert.equal(listed.claims[0].check.reason, "withdrawn");
    const scoped = await run(verify, [REF, ...on, "--namespace", `${open.domain}/fixture/multi`, "--json"]);
    assert.equal(scoped.status, 1);
    assert.equal(verdictOf(scoped).verdict, "UNTRUSTED");
    const twice = await run(runClaim, ["withdraw", "0", ...on, "--yes"], withKey(1));
    assert.equal(twice.status, 1, twice.stderr);
  });

  test("--pull catches a registry that serves other bytes under a layer's digest: TAMPERED (exit 1), naming the layer", async () => {
    const lying = await startLocalRegistry({ mode: "open" });
    try {
      await pushArchive(lying, fixture("docker20-save.tar"), "fixture/multi:2.0");
      const manifest = await reader.getManifest({ domain: lying.domain, path: "fixture/multi" }, "2.0");
      const layer = (
        JSON.parse(new TextDecoder().decode(manifest.bytes)) as { layers: { digest: string; size: number }[] }
      ).layers[0];
      assert.ok(layer !== undefined);
      writeFileSync(lying.blobPath(layer.digest as `sha256:${string}`), Buffer.alloc(layer.size, 0x41));
      const ref = `${lying.domain}/fixture/multi:2.0`;
      const [pulled, unpulled] = await Promise.all([
        run(verify, [ref, ...on, "--publisher", account(1), "--pull"]),
        run(verify, [ref, ...on, "--publisher", account(1), "--json"]),
      ]);
      assert.equal(pulled.status, 1, pulled.stderr);
      assert.match(pulled.stdout, new RegExp(`^${ref}: TAMPERED\\n`));
      assert.ok(pulled.stdout.includes(layer.digest), pulled.stdout);
      // Without --pull the layers are not read: the registry's lie goes unseen (docker pull would catch it).
      assert.notEqual(verdictOf(unpulled).verdict, "TAMPERED");
    } finally {
      await lying.stop();
    }
  });

  test("a registry asking for credentials: exit 2 with its words; with docker's config it is read", async () => {
    const basic = await startLocalRegistry({ mode: "basic" });
    try {
      await pushArchive(basic, fixture("docker20-save.tar"), "fixture/multi:2.0");
      const ref = `${basic.domain}/fixture/multi:2.0`;
      const refused = await run(verify, [ref, ...on, "--publisher", account(1)]);
      assert.equal(refused.status, 2);
      assert.equal(refused.stdout, "");
      assert.equal(
        refused.stderr,
        `imageseal verify: ${basic.domain} needs credentials for this. Log in (docker login ${basic.domain}) or give a user and a password or token that can read it.\n`,
      );
      const dockerConfig = join(temp, "docker-basic");
      mkdirSync(dockerConfig, { recursive: true });
      writeFileSync(
        join(dockerConfig, "config.json"),
        JSON.stringify({
          auths: {
            [basic.domain]: {
              auth: Buffer.from(`${DEFAULT_USER.username}:${DEFAULT_USER.password}`).toString("base64"),
            },
          },
        }),
      );
      const read = await run(verify, [ref, ...on, "--publisher", account(1), "--name", REF, "--json"], {
        ...anonymous,
        DOCKER_CONFIG: dockerConfig,
      });
      assert.equal(read.status, 0, read.stderr);
      assert.equal(verdictOf(read).verdict, "VERIFIED");
      assert.equal(
        read.stderr,
        `imageseal verify: using the credentials for ${basic.domain} from ${join(dockerConfig, "config.json")}\n`,
      );
      assert.ok(!read.stderr.includes(DEFAULT_USER.password));
    } finally {
      await basic.stop();
    }
  });

  test("claim push to a token-auth registry: refused without credentials (exit 2, nothing recorded), pushed with docker's", async () => {
    const token = await startLocalRegistry({ mode: "token" });
    try {
      const repository = `${token.domain}/team/app`;
      const before = json(await run(runClaim, ["list", account(2), ...on, "--json"])).claims.length;
      const refused = await run(runClaim, ["push", repository, ...on, "--yes", "--json"], withKey(2));
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(json(refused).error.kind, /^registry-(unauthorized|forbidden)$/);
      assert.equal(json(await run(runClaim, ["list", account(2), ...on, "--json"])).claims.length, before);
      const dockerConfig = join(temp, "docker-token");
      mkdirSync(dockerConfig, { recursive: true });
      writeFileSync(
        join(dockerConfig, "config.json"),
        JSON.stringify({
          auths: {
            [token.domain]: {
              auth: Buffer.from(`${DEFAULT_USER.username}:${DEFAULT_USER.password}`).toString("base64"),
            },
          },
        }),
      );
      const pushed = await run(runClaim, ["push", repository, ...on, "--yes", "--json"], {
        ...withKey(2),
        DOCKER_CONFIG: dockerConfig,
      });
      assert.equal(pushed.status, 0, pushed.stderr);
      assert.equal(json(pushed).check.status, "proven");
      const after = json(await run(runClaim, ["list", account(2), ...on, "--json"])).claims;
      assert.equal(after.length, before + 1);
      assert.equal(after.at(-1).location, `oci://${repository}`);
      // Verifiers read it anonymously (the token service grants pull to anyone).
      assert.equal(after.at(-1).check.status, "proven");
    } finally {
      await token.stop();
    }
  });

  test("exit 2 for bad input: a forced reference that is not one, --pull with an archive, a repository with a tag", async () => {
    const cases: [Runner, string[], Record<string, string>, RegExp][] = [
      [
        verify,
        ["not a reference", ...on, "--reference"],
        anonymous,
        /imageseal verify: "not a reference" is not an image reference\./,
      ],
      [
        verify,
        [fixture("docker20-save.tar"), ...on, "--pull"],
        anonymous,
        /--pull downloads a registry reference's layers/,
      ],
      [verify, [`${open.domain}/fixture/missing:1`, ...on], anonymous, /not found \(404\)/],
      [
        runClaim,
        ["push", `${open.domain}/fixture/multi:2.0`, ...on, "--yes"],
        withKey(2),
        /is not a repository: write it as docker does, without a tag/,
      ],
      [runClaim, ["record", "ftp://example.com", ...on, "--yes"], withKey(2), /ftp:\/\/example\.com/],
    ];
    for (const [runner, args, env, expected] of cases) {
      const result = await run(runner, args, env);
      assert.equal(result.status, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, expected);
    }
  });
});
