import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { editData, flipByte, rewriteTar } from "../image/test/rewriteTar.ts";
import type { InspectJson } from "./inspect/reportJson.ts";

const CLI = fileURLToPath(new URL("./imageseal.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../image/fixtures/${name}`, import.meta.url));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function imageseal(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const SHA256 = /^sha256:[a-f0-9]{64}$/;

describe("imageseal inspect", () => {
  const temp = mkdtempSync(join(tmpdir(), "imageseal-cli-"));
  after(() => rmSync(temp, { recursive: true, force: true }));

  test("--json: one JSON document, digests as sha256:<hex>, exit 0 for an intact archive, nothing on stderr when piped", async () => {
    const run = await imageseal("inspect", fixture("containerd-export.tar"), "--json");
    assert.equal(run.status, 0);
    assert.equal(run.stderr, "");
    const json = JSON.parse(run.stdout) as InspectJson;
    assert.equal(json.format, "oci-layout+docker-manifest");
    assert.equal(json.verdict, "intact");
    assert.deepEqual(json.problems, []);
    assert.equal(json.archiveDigest, undefined, "images are not identified by the archive's bytes unless asked");
    const [image] = json.images;
    assert.equal(image?.imageId, "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720");
    assert.equal(image?.manifestDigest, "sha256:a1205f2ff7c00e8c472d87021013de08ce84303e44402461f09f7bb57adf537c");
    assert.equal(image?.platform, "linux/amd64");
    assert.deepEqual(image?.names, ["docker.io/fixture/multi:2.0", "fixture/multi:2.0"]);
    for (const layer of image?.layers ?? []) {
      assert.match(layer.diffId ?? "", SHA256);
      assert.equal(layer.computed, layer.diffId);
      assert.equal(layer.status, "ok");
    }
  });

  test("--archive-digest adds the file's own sha256", async () => {
    const run = await imageseal("inspect", "--archive-digest", "--json", fixture("docker20-save.tar.gz"));
    assert.equal(
      (JSON.parse(run.stdout) as InspectJson).archiveDigest,
      "sha256:ef80a3b5436375359988a5e2c94ebe521568c99a8183726e36ff8f8b581967dc",
    );
  });

  test("a tampered archive exits 1 and says which layer, expected and found", async () => {
    const tampered = join(temp, "tampered.tar");
    const layer = "1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/layer.tar";
    writeFileSync(
      tampered,
      await rewriteTar(new Uint8Array(readFileSync(fixture("docker20-save.tar"))), flipByte(layer, 5000)),
    );
    const json = await imageseal("inspect", tampered, "--json");
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout) as InspectJson;
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.layerIndex]),
      [["diffid-mismatch", 1]],
    );
    assert.deepEqual(
      report.images[0]?.layers.map((l) => l.status),
      ["ok", "mismatch"],
    );
    const human = await imageseal("inspect", tampered);
    assert.equal(human.status, 1);
    assert.match(human.stdout, /TAMPERED/);
    assert.match(
      human.stdout,
      /layer 2 \(1f4dc0379e2e.*\/layer\.tar\) does not match the config's diff_id: expected sha256:ab54cdcbcd51…, found sha256:/,
    );
  });

  test("names from the archive reach the terminal escaped: an ESC sequence and a bidi override print as \\x1b and \\u202e, in text and in --json", async () => {
    const crafted = join(temp, "crafted-names.tar");
    const tags = ["fixture/evil\x1b[2J\x1b]0;pwned\x07:1.0", "fixture/\u202e0.1:live"];
    const setTags = editData("manifest.json", (data) => {
      const manifest = JSON.parse(new TextDecoder().decode(data)) as { RepoTags: string[] }[];
      (manifest[0] as { RepoTags: string[] }).RepoTags = tags;
      return new TextEncoder().encode(JSON.stringify(manifest));
    });
    writeFileSync(crafted, await rewriteTar(new Uint8Array(readFileSync(fixture("docker20-save-small.tar"))), setTags));
    const human = await imageseal("inspect", crafted);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these raw control characters
    assert.doesNotMatch(human.stdout, /[\x1b\x07\u202e]/u);
    assert.match(
      human.stdout,
      /names {6}fixture\/evil\\x1b\[2J\\x1b\]0;pwned\\x07:1\.0, fixture\/\\u202e0\.1:live {3}\(claimed by the archive, not verified\)/,
    );
    assert.match(human.stdout, /control or invisible characters: each is shown as an escape/);
    const json = await imageseal("inspect", crafted, "--json");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these raw control characters
    assert.doesNotMatch(json.stdout, /[\x1b\x07\u202e]/u);
    assert.deepEqual((JSON.parse(json.stdout) as InspectJson).images[0]?.names, tags);
  });

  test("unsupported input exits 2: zstd layers", async () => {
    const run = await imageseal("inspect", fixture("skopeo-copy-oci-archive-zstd.tar"), "--json");
    assert.equal(run.status, 2);
    assert.equal((JSON.parse(run.stdout) as InspectJson).verdict, "unsupported");
  });

  test("unreadable input exits 2: a missing file, a truncated archive", async () => {
    const missing = await imageseal("inspect", join(temp, "nope.tar"));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot open .*nope\.tar/);
    const truncated = join(temp, "truncated.tar");
    writeFileSync(truncated, readFileSync(fixture("docker20-save.tar")).subarray(0, 100_000));
    const run = await imageseal("inspect", truncated, "--json");
    assert.equal(run.status, 2);
    assert.deepEqual(
      (JSON.parse(run.stdout) as InspectJson).problems.map((p) => p.code),
      ["unreadable-archive"],
    );
  });

  test("a plain file: exit 0, identified by its sha256", async () => {
    const file = join(temp, "notes.txt");
    writeFileSync(file, "abc");
    const run = await imageseal("inspect", file, "--json");
    assert.equal(run.status, 0);
    const json = JSON.parse(run.stdout) as InspectJson;
    assert.deepEqual(
      [json.format, json.archiveDigest, json.images],
      ["file", "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", []],
    );
    assert.match(
      (await imageseal("inspect", file)).stdout,
      /holds no container image; its archiveDigest is its identity/,
    );
  });

  test("usage: no arguments or an unknown command exit 2 with help; --help exits 0", async () => {
    const none = await imageseal();
    assert.equal(none.status, 2);
    assert.match(none.stdout, /usage: imageseal <command>/);
    const unknown = await imageseal("frobnicate");
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const noFile = await imageseal("inspect");
    assert.equal(noFile.status, 2);
    const help = await imageseal("inspect", "--help");
    assert.equal(help.status, 0);
    assert.match(help.stdout, /exit status: 0 intact, 1 tampered, 2 unsupported/);
  });
});
