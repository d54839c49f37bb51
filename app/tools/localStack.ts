// The local stack ImageSeal runs on a developer's machine: a Hardhat node, the
// ImageRegistry deployed to it, and a web server for the site. `npm start` and the
// e2e tests both build it from these pieces, so what the tests exercise is what a
// newcomer runs.
//
// Every child runs in its own process group (`detached`), because `hardhat node`
// survives the death of the process that started it; stopping a piece kills its
// whole group, and `stopAll` is wired to SIGINT/SIGTERM by the callers.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { type LocalRegistry, pushArchive, registryAvailable, startLocalRegistry } from "./localRegistry.ts";

const require = createRequire(import.meta.url);
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");
// The packages' own bin entries, run with this Node: no npx layer between us and the
// process we must be able to stop.
function binOf(pkg: string, bin: string): string {
  const manifestPath = require.resolve(`${pkg}/package.json`, { paths: [PROJECT_ROOT] });
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const relative = manifest.bin[bin];
  if (relative === undefined) throw new Error(`${pkg} has no "${bin}" bin`);
  return path.join(path.dirname(manifestPath), relative);
}
const HARDHAT_CLI = binOf("hardhat", "hardhat");
const VITE_CLI = binOf("vite", "vite");
const IGNITION_MODULE = "contracts/ignition/modules/ImageRegistry.ts";

export class LocalStackError extends Error {
  override readonly name = "LocalStackError";
}

interface Piece {
  label: string;
  child: ChildProcess;
}

const running: Piece[] = [];

function startPiece(
  label: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; logFile?: string; inherit?: boolean },
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    detached: true,
    env: { ...process.env, ...options.env },
    stdio: options.inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
  });
  if (options.logFile !== undefined && child.stdout && child.stderr) {
    const log = createWriteStream(options.logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  running.push({ label, child });
  return child;
}

/** Resolves with a piece's label when any running piece exits on its own. */
export function whenAnyExits(): Promise<string> {
  return new Promise((resolve) => {
    for (const { label, child } of running) child.once("exit", () => resolve(label));
  });
}

/** Pieces started elsewhere (the OCI registry) that stop themselves. */
const otherStops: (() => Promise<void>)[] = [];

/** stopAll, then waits until the self-stopping pieces are gone (the registry removes its data folder). */
export async function stopAllAndWait(): Promise<void> {
  const stops = otherStops.splice(0);
  stopAll();
  await Promise.all(stops.map((stop) => stop().catch(() => {})));
}

/** Kills every piece this process started, each with its whole process group. */
export function stopAll(): void {
  // The registry's stop() signals its process group at once; the rest (its temp folder) may not finish before an exit.
  for (const stop of otherStops.splice(0)) void stop().catch(() => {});
  for (const { child } of running.splice(0)) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // The group is already gone: nothing left to stop.
    }
  }
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(2_000),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new LocalStackError(`${method}: ${body.error.message}`);
  return body.result;
}

async function answers(url: string): Promise<boolean> {
  try {
    await rpc(url, "eth_chainId");
    return true;
  } catch {
    return false;
  }
}

async function waitFor(
  what: string,
  child: ChildProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new LocalStackError(`${what} exited with code ${child.exitCode} before it was ready`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LocalStackError(`${what} was not ready after ${timeoutMs / 1000} s`);
}

export interface Chain {
  rpcUrl: string;
  chainId: number;
}

/** Starts `hardhat node` on 127.0.0.1 (never 0.0.0.0) and waits until it answers. */
export async function startChain(port: number, logFile: string): Promise<Chain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (await answers(rpcUrl)) {
    throw new LocalStackError(
      `Something already answers JSON-RPC on ${rpcUrl}. Stop it (another \`npm start\`?) and try again.`,
    );
  }
  const child = startPiece("chain", [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    logFile,
  });
  await waitFor(`The Hardhat node (log: ${logFile})`, child, () => answers(rpcUrl), 60_000);
  const chainId = Number(await rpc(rpcUrl, "eth_chainId"));
  return { rpcUrl, chainId };
}

export interface Deployment {
  address: `0x${string}`;
  deployedOnBlock: number;
}

/**
 * Deploys ImageRegistry with Hardhat Ignition (the only place addresses are
 * produced). `--reset` because every local node starts empty while Ignition keeps
 * its journal per chain id.
 */
export async function deployRegistry(chain: Chain, logFile: string): Promise<Deployment> {
  const env = { HARDHAT_LOCALHOST_URL: chain.rpcUrl };
  const child = startPiece(
    "deploy",
    [HARDHAT_CLI, "ignition", "deploy", IGNITION_MODULE, "--network", "localhost", "--reset"],
    { env, logFile },
  );
  const code: number = await new Promise((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new LocalStackError(`Deploying ImageRegistry failed (exit ${code}); see ${logFile}`);
  const addressesFile = path.join(
    PROJECT_ROOT,
    "contracts",
    "ignition",
    "deployments",
    `chain-${chain.chainId}`,
    "deployed_addresses.json",
  );
  if (!existsSync(addressesFile)) throw new LocalStackError(`Ignition wrote no ${addressesFile}`);
  const addresses = JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, `0x${string}`>;
  const address = Object.entries(addresses).find(([key]) => key.endsWith("#ImageRegistry"))?.[1];
  if (address === undefined) throw new LocalStackError(`No ImageRegistry in ${addressesFile}`);
  const code_ = (await rpc(chain.rpcUrl, "eth_getCode", [address, "latest"])) as string;
  if (code_ === "0x") throw new LocalStackError(`No contract code at ${address} after deployment`);
  const deployedOnBlock = Number(await rpc(chain.rpcUrl, "eth_blockNumber"));
  return { address, deployedOnBlock };
}

/** The build-time settings the site reads (validated in app/config/env.ts). */
export function siteEnv(chain: Chain, deployment: Deployment): NodeJS.ProcessEnv {
  return {
    VITE_LOCAL_RPC_URL: chain.rpcUrl,
    VITE_LOCAL_REGISTRY_ADDRESS: deployment.address,
    VITE_LOCAL_REGISTRY_BLOCK: String(deployment.deployedOnBlock),
  };
}

async function serves(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export interface SiteOptions {
  /** `dev`: vite with HMR from the sources; `preview`: a static server over a built folder. */
  mode: "dev" | "preview";
  port: number;
  env: NodeJS.ProcessEnv;
  /** Show the server's own output on this terminal (npm start) or keep it quiet (tests). */
  inherit: boolean;
  /** For `preview`: the built folder to serve (default dist/). */
  outDir?: string;
  /** For `preview`: the sub-path to serve it under, as a static host might. */
  base?: string;
}

/** Starts the web server on 127.0.0.1 and returns the site's URL once it answers. */
export async function startSite(options: SiteOptions): Promise<string> {
  const base = options.base ?? "/";
  const url = `http://127.0.0.1:${options.port}${base}`;
  const args = [VITE_CLI];
  if (options.mode === "preview") {
    args.push("preview", "--base", base);
    if (options.outDir !== undefined) args.push("--outDir", options.outDir);
  }
  args.push("--host", "127.0.0.1", "--port", String(options.port), "--strictPort");
  const child = startPiece("site", args, { env: options.env, inherit: options.inherit });
  await waitFor(`The ${options.mode} web server`, child, () => serves(url), 60_000);
  return url;
}

/** `vite build` into dist/ with the given settings baked in. */
export async function buildSite(env: NodeJS.ProcessEnv, outDir: string): Promise<void> {
  const child = startPiece("build", [VITE_CLI, "build", "--outDir", outDir, "--emptyOutDir"], { env, inherit: true });
  const code: number = await new Promise((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new LocalStackError(`vite build failed (exit ${code})`);
}

/** Whether `port` on 127.0.0.1 can be listened on right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** `from`, or the next free port after it (a fixed, guessable port for people; another when taken). */
export async function firstFreePort(from: number, tries = 20): Promise<number> {
  for (let port = from; port < from + tries; port += 1) if (await portFree(port)) return port;
  throw new LocalStackError(`No free port on 127.0.0.1 from ${from} to ${from + tries - 1}`);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && existsSync(path.join(dir, command)));
}

/** The image pushed into the local OCI registry: the multi-layer fixture every spec knows. */
export const FIXTURE_ARCHIVE = path.join(PROJECT_ROOT, "app", "image", "fixtures", "docker20-save.tar");
export const FIXTURE_REPOSITORY_PATH = "fixture/multi";

export interface OciRegistryStart {
  registry: LocalRegistry;
  /** The fixture's reference in it, or null when skopeo is not installed. */
  reference: string | null;
}

/**
 * A local OCI registry (CNCF distribution, Debian's docker-registry) with CORS open, so the
 * page can verify by reference: on `fromPort` or the next free one, the fixture pushed with
 * skopeo when installed. null when docker-registry is not installed. Stopped by stopAll.
 */
export async function startOciRegistry(fromPort: number, logFile: string): Promise<OciRegistryStart | null> {
  if (!registryAvailable()) return null;
  const registry = await startLocalRegistry({ mode: "open", port: await firstFreePort(fromPort), logFile });
  otherStops.push(() => registry.stop());
  if (!onPath("skopeo")) return { registry, reference: null };
  const reference = `${registry.domain}/${FIXTURE_REPOSITORY_PATH}:2.0`;
  await pushArchive(registry, FIXTURE_ARCHIVE, reference);
  return { registry, reference };
}
