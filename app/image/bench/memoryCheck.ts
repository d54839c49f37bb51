// Benchmark, not a test: builds docker-save-layout archives of 64 MiB and 1 GiB in /tmp
// (once; cached), plus gzip-compressed copies, and inspects each with the CLI under
// /usr/bin/time, printing peak RSS and throughput. Flat memory means the peak does not
// grow with the archive.
//
//   node app/image/bench/memoryCheck.ts            # tar and .tar.gz, 64 MiB and 1 GiB
//   node app/image/bench/memoryCheck.ts --no-gzip  # skip the (slow to build) .tar.gz
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import { headerBlock } from "../test/tarWriter.ts";

const DIR = "/tmp/imageseal-bench";
const CLI = fileURLToPath(new URL("../../cli/imageseal.ts", import.meta.url));
const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;

/** Writes chunks with backpressure, so building a 1 GiB file never holds it in memory. */
class Writer {
  readonly #stream;
  constructor(path: string) {
    this.#stream = createWriteStream(path);
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#stream.write(bytes)) await new Promise<void>((resolve) => this.#stream.once("drain", () => resolve()));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

const padding = (size: number) => new Uint8Array((512 - (size % 512)) % 512);

/** One layer: a tar holding one file of random bytes, written straight into the archive. */
async function writeLayer(out: Writer, path: string, payload: number): Promise<string> {
  const layerSize = 512 + payload + padding(payload).length + 1024;
  const diffId = createHash("sha256");
  const emit = async (bytes: Uint8Array) => {
    diffId.update(bytes);
    await out.write(bytes);
  };
  await out.write(headerBlock(path, "0", layerSize));
  await emit(headerBlock("data/blob.bin", "0", payload));
  for (let done = 0; done < payload; done += CHUNK)
    await emit(randomFillSync(new Uint8Array(Math.min(CHUNK, payload - done))));
  await emit(padding(payload));
  await emit(new Uint8Array(1024));
  await out.write(padding(layerSize));
  return `sha256:${diffId.digest("hex")}`;
}

async function writeEntry(out: Writer, path: string, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  await out.write(headerBlock(path, "0", bytes.length));
  await out.write(bytes);
  await out.write(padding(bytes.length));
}

async function buildArchive(path: string, totalBytes: number): Promise<void> {
  if (existsSync(path)) return;
  console.log(`building ${path} …`);
  const out = new Writer(`${path}.partial`);
  const layerCount = 4;
  const layerPaths: string[] = [];
  const diffIds: string[] = [];
  for (let i = 0; i < layerCount; i++) {
    const layerPath = `${String(i).padStart(64, "0")}/layer.tar`;
    layerPaths.push(layerPath);
    diffIds.push(await writeLayer(out, layerPath, totalBytes / layerCount - 4096));
  }
  const config = JSON.stringify({
    architecture: "amd64",
    os: "linux",
    created: "2026-01-01T00:00:00Z",
    rootfs: { type: "layers", diff_ids: diffIds },
  });
  const configPath = `${createHash("sha256").update(config).digest("hex")}.json`;
  await writeEntry(out, configPath, config);
  await writeEntry(
    out,
    "manifest.json",
    JSON.stringify([{ Config: configPath, RepoTags: ["bench/big:1"], Layers: layerPaths }]),
  );
  await writeEntry(out, "repositories", "{}");
  await out.write(new Uint8Array(1024));
  await out.close();
  renameSync(`${path}.partial`, path);
}

async function buildGzip(source: string, path: string): Promise<void> {
  if (existsSync(path)) return;
  console.log(`building ${path} …`);
  await pipeline(createReadStream(source), createGzip({ level: 1 }), createWriteStream(`${path}.partial`));
  renameSync(`${path}.partial`, path);
}

function measure(path: string): void {
  const run = spawnSync("/usr/bin/time", ["-v", process.execPath, CLI, "inspect", "--json", path], {
    encoding: "utf8",
    maxBuffer: 64 * MiB,
  });
  const field = (name: string) => new RegExp(`${name}: (.+)`).exec(run.stderr)?.[1]?.trim() ?? "?";
  const elapsed = field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)");
  const [minutes, seconds] = elapsed.split(":").map(Number);
  const wallSeconds = (minutes ?? 0) * 60 + (seconds ?? 0);
  const size = statSync(path).size;
  const verdict = (JSON.parse(run.stdout || "{}") as { verdict?: string }).verdict;
  const maxRss = Number(field("Maximum resident set size \\(kbytes\\)")) / 1024;
  console.log(
    `${path.padEnd(48)} ${(size / MiB).toFixed(0).padStart(6)} MiB  verdict ${String(verdict).padEnd(8)} exit ${run.status}  ` +
      `max RSS ${maxRss.toFixed(1).padStart(6)} MiB  wall ${wallSeconds.toFixed(2).padStart(6)} s  ${(size / 1e6 / wallSeconds).toFixed(0).padStart(5)} MB/s  (user ${field("User time \\(seconds\\)")} s, sys ${field("System time \\(seconds\\)")} s)`,
  );
}

mkdirSync(DIR, { recursive: true });
const withGzip = !process.argv.includes("--no-gzip");
const small = `${DIR}/docker-save-64MiB.tar`;
const big = `${DIR}/docker-save-1GiB.tar`;
await buildArchive(small, 64 * MiB);
await buildArchive(big, 1024 * MiB);
if (withGzip) {
  await buildGzip(small, `${small}.gz`);
  await buildGzip(big, `${big}.gz`);
}
console.log(
  `node ${process.version}, ${execFileSync("nproc", { encoding: "utf8" }).trim()} cores; each archive inspected by a fresh CLI process`,
);
measure(fileURLToPath(new URL("../fixtures/podman-save-docker-archive.tar", import.meta.url)));
for (const path of [small, big, ...(withGzip ? [`${small}.gz`, `${big}.gz`] : [])]) measure(path);
