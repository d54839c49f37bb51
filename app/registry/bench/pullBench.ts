// Pull throughput and memory: `node app/registry/bench/pullBench.ts [MB]` starts a local registry,
// pushes the docker20 fixture (skopeo) and a synthetic image with one gzip layer of MB megabytes
// (default 200) of base64 text (client.putBlob), then pulls each in a fresh process
// (inspectReference with pull: true, Node and portable hashing) and prints time, MB/s and peak RSS,
// next to `sha256sum` of the same layer bytes. Needs docker-registry and skopeo.
import { execFile, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { Digest } from "../../image/digest.ts";
import { nodeSha256 } from "../../image/hash/nodeSha256.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import { pushArchive, startLocalRegistry } from "../../tools/localRegistry.ts";
import { RegistryClient } from "../client.ts";
import { inspectReference } from "../inspectReference.ts";
import { nodeRegistryHashTools } from "../nodeHashTools.ts";
import { parseImageReference } from "../reference.ts";
import { fixturePath } from "../test/fixtures.ts";

const run = promisify(execFile);
const sha = (bytes: Uint8Array): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/**
 * This process's peak RSS. Not resourceUsage().maxRSS: Linux carries that across exec from the
 * forking parent (which held the synthetic layer); VmHWM belongs to this process's own memory.
 */
function peakRssMiB(): number {
  const line =
    readFileSync("/proc/self/status", "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmHWM:")) ?? "VmHWM: 0 kB";
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

/** The child: one pull, then its figures as JSON on stdout. */
async function child(reference: string, tools: "node" | "portable"): Promise<void> {
  const client = new RegistryClient({ sha256: nodeSha256, inBrowser: false });
  const started = performance.now();
  const report = await inspectReference(client, parseImageReference(reference), {
    pull: true,
    ...(tools === "node" ? { hashTools: nodeRegistryHashTools } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const layerBytes = report.images.flatMap((image) => image.layers).reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  const figures = {
    verdict: report.verdict,
    layerBytes,
    seconds,
    mbPerSecond: layerBytes / 1e6 / seconds,
    peakRssMiB: peakRssMiB(),
  };
  process.stdout.write(JSON.stringify(figures));
}

async function syntheticImage(
  registryDomain: string,
  megabytes: number,
  dir: string,
): Promise<{ reference: string; layerFile: string }> {
  const text = Buffer.from(randomBytes(Math.ceil((megabytes * 1e6 * 3) / 4)).toString("base64")).subarray(
    0,
    megabytes * 1e6,
  );
  const layer = gzipSync(text, { level: 6 });
  const layerFile = path.join(dir, "layer.gz");
  await writeFile(layerFile, layer);
  const config = new TextEncoder().encode(
    JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [sha(text)] } }),
  );
  const repo = { domain: registryDomain, path: "bench/synthetic" };
  const client = new RegistryClient({ sha256: nodeSha256, inBrowser: false });
  await client.putBlob(repo, layer);
  await client.putBlob(repo, config);
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(config), size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha(layer), size: layer.length }],
    }),
  );
  await client.putManifest(repo, "1", manifest, "application/vnd.oci.image.manifest.v1+json");
  return { reference: `${registryDomain}/bench/synthetic:1`, layerFile };
}

function pullInChild(reference: string, tools: "node" | "portable"): Record<string, number | string> {
  const result = spawnSync(process.execPath, [import.meta.filename, "--child", reference, tools], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Record<string, number | string>;
}

async function timeCommand(command: string): Promise<number> {
  const started = performance.now();
  await run("bash", ["-c", command], { maxBuffer: 1 << 20 });
  return (performance.now() - started) / 1000;
}

async function main(megabytes: number): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "imageseal-pull-bench-"));
  const registry = await startLocalRegistry({ mode: "open" });
  try {
    await pushArchive(registry, fixturePath("docker20-save.tar"), "fixture/multi:2.0");
    const synthetic = await syntheticImage(registry.domain, megabytes, dir);
    for (const [label, reference] of [
      ["docker20 fixture", `${registry.domain}/fixture/multi:2.0`],
      [`synthetic ${megabytes} MB text layer`, synthetic.reference],
    ] as const) {
      for (const tools of ["node", "portable"] as const)
        console.log(label, tools, JSON.stringify(pullInChild(reference, tools)));
    }
    const size = (await import("node:fs")).statSync(synthetic.layerFile).size;
    const plain = await timeCommand(`sha256sum ${synthetic.layerFile}`);
    const gunzip = await timeCommand(`gunzip -c ${synthetic.layerFile} | sha256sum`);
    console.log(
      `sha256sum of the same ${size} layer bytes: ${plain.toFixed(2)} s, ${(size / 1e6 / plain).toFixed(0)} MB/s; gunzip -c | sha256sum: ${gunzip.toFixed(2)} s, ${(size / 1e6 / gunzip).toFixed(0)} MB/s (of stored bytes)`,
    );
  } finally {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") await child(itemAt(process.argv, 3), process.argv[4] as "node" | "portable");
else await main(Number(process.argv[2] ?? 200));
