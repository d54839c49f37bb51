// A real OCI registry on this machine for tests, `npm start` and e2e: CNCF distribution 2.8
// (Debian's docker-registry) in one of three modes — open, Basic (htpasswd) or token auth with an
// in-process token issuer — on a free port, data in a temporary folder, CORS on so that pages can
// read it. Every registry runs in its own process group, killed by stop(). With auth on,
// distribution answers CORS preflights 401, so a small pass-through answers them in its place
// (registry/test/corsFront.ts) and the registry itself listens on another free port.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Digest } from "../image/digest.ts";
import { type CorsFront, startCorsFront } from "../registry/test/corsFront.ts";
import { startTokenIssuer, type TokenIssuer } from "../registry/test/tokenIssuer.ts";

const run = promisify(execFile);

export const INSTALL_HINT = "install docker-registry (apt-get install docker-registry apache2-utils; .ci/run does it)";
const TOKEN_ISSUER = "imageseal-test-issuer";
const TOKEN_SERVICE = "imageseal-test-registry";
const READY_TIMEOUT_MS = 20_000;

export type LocalRegistryMode = "open" | "basic" | "token";

export interface LocalRegistryUser {
  username: string;
  password: string;
}

export interface LocalRegistryOptions {
  mode: LocalRegistryMode;
  /** A free port by default. */
  port?: number;
  /** Basic and token modes; default one user, DEFAULT_USER. */
  users?: LocalRegistryUser[];
  /** Default: a new temporary folder, removed by stop(). */
  dataDir?: string;
  /** The registry's own output; default kept in memory and shown when it fails to start. */
  logFile?: string;
}

export interface LocalRegistry {
  mode: LocalRegistryMode;
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT: the domain of image references. */
  domain: string;
  dataDir: string;
  users: LocalRegistryUser[];
  /** The file distribution keeps a blob's bytes in: tests swap it to make the registry lie. */
  blobPath(digest: Digest): string;
  /** Token mode: the issuer's URL. */
  tokenUrl?: string;
  /** Token mode: the scopes each token request asked for. */
  tokenRequests?: TokenIssuer["requests"];
  stop(): Promise<void>;
}

export const DEFAULT_USER: LocalRegistryUser = { username: "imageseal", password: "imageseal-test-password" };

export class LocalRegistryError extends Error {
  override readonly name = "LocalRegistryError";
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && existsSync(path.join(dir, command)));
}

/** Whether docker-registry (and htpasswd, for Basic mode) can be run here. */
export function registryAvailable(): boolean {
  return onPath("docker-registry");
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new LocalRegistryError("no free port");
  return address.port;
}

const CORS_HEADERS = `    Access-Control-Allow-Origin: ["*"]
    Access-Control-Allow-Methods: ["HEAD", "GET", "PUT", "POST", "PATCH", "DELETE", "OPTIONS"]
    Access-Control-Allow-Headers: ["Authorization", "Accept", "Content-Type"]
    Access-Control-Expose-Headers: ["Docker-Content-Digest", "WWW-Authenticate", "Content-Length", "Location"]`;

function configYaml(port: number, dataDir: string, auth: string): string {
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${JSON.stringify(dataDir)}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  headers:
${CORS_HEADERS}
${auth}`;
}

async function basicAuth(dir: string, users: LocalRegistryUser[]): Promise<string> {
  if (!onPath("htpasswd")) throw new LocalRegistryError(`htpasswd is missing: ${INSTALL_HINT}`);
  const lines = await Promise.all(
    users.map(async (user) => (await run("htpasswd", ["-Bbn", user.username, user.password])).stdout.trim()),
  );
  const file = path.join(dir, "htpasswd");
  await writeFile(file, `${lines.join("\n")}\n`);
  return `auth:\n  htpasswd:\n    realm: imageseal-test-realm\n    path: ${JSON.stringify(file)}\n`;
}

async function tokenAuth(dir: string, users: LocalRegistryUser[]): Promise<{ yaml: string; issuer: TokenIssuer }> {
  const keyFile = path.join(dir, "token.key");
  const certFile = path.join(dir, "token.crt");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    certFile,
    "-days",
    "2",
    "-subj",
    `/CN=${TOKEN_ISSUER}`,
    "-addext",
    "keyUsage=digitalSignature",
  ]);
  const issuer = await startTokenIssuer({
    issuer: TOKEN_ISSUER,
    key: createPrivateKey(await readFile(keyFile)),
    certificatePem: await readFile(certFile, "utf8"),
    users,
  });
  const yaml = `auth:\n  token:\n    realm: ${issuer.url}\n    service: ${TOKEN_SERVICE}\n    issuer: ${TOKEN_ISSUER}\n    rootcertbundle: ${JSON.stringify(certFile)}\n`;
  return { yaml, issuer };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // The group is already gone.
  }
  return exited;
}

export async function startLocalRegistry(options: LocalRegistryOptions): Promise<LocalRegistry> {
  if (!registryAvailable()) throw new LocalRegistryError(`docker-registry is missing: ${INSTALL_HINT}`);
  const users = options.users ?? [DEFAULT_USER];
  const workDir = await mkdtemp(path.join(tmpdir(), "imageseal-registry-"));
  const dataDir = options.dataDir ?? path.join(workDir, "data");
  const port = options.port ?? (await freePort());
  const registryPort = options.mode === "open" ? port : await freePort();
  let issuer: TokenIssuer | null = null;
  let auth = "";
  if (options.mode === "basic") auth = await basicAuth(workDir, users);
  if (options.mode === "token") ({ yaml: auth, issuer } = await tokenAuth(workDir, users));
  const configFile = path.join(workDir, "config.yml");
  await writeFile(configFile, configYaml(registryPort, dataDir, auth));

  const child = spawn("docker-registry", ["serve", configFile], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const log = options.logFile === undefined ? null : createWriteStream(options.logFile);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      if (log) log.write(chunk);
      else output = (output + chunk.toString("utf8")).slice(-4000);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  let front: CorsFront | null = null;
  const stop = async () => {
    // Signalled before the first await: npm start's shutdown calls this and exits at once.
    const exited = stopGroup(child);
    await front?.close();
    await exited;
    await issuer?.close();
    log?.end();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    if (registryPort !== port) front = await startCorsFront(port, registryPort);
  } catch (error) {
    await stop();
    throw new LocalRegistryError(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      const why =
        child.exitCode !== null
          ? `exited with code ${child.exitCode}`
          : `did not answer within ${READY_TIMEOUT_MS / 1000} s`;
      throw new LocalRegistryError(
        `docker-registry ${why}: ${options.logFile ? `see ${options.logFile}` : output.trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const registry: LocalRegistry = {
    mode: options.mode,
    url,
    domain: `127.0.0.1:${port}`,
    dataDir,
    users,
    blobPath: (digest) => {
      const hex = digest.slice("sha256:".length);
      return path.join(dataDir, "docker", "registry", "v2", "blobs", "sha256", hex.slice(0, 2), hex, "data");
    },
    stop,
  };
  if (issuer !== null) {
    registry.tokenUrl = issuer.url;
    registry.tokenRequests = issuer.requests;
  }
  return registry;
}

export interface PushArchiveOptions {
  /** skopeo's transport for the file: docker-archive (docker save) or oci-archive. Default docker-archive. */
  transport?: "docker-archive" | "oci-archive";
  /** Copy every image of an index (multi-platform), not only this machine's platform. */
  all?: boolean;
}

/**
 * Pushes an archive with skopeo (the tool does what `docker push` does, without a daemon).
 * `reference` is "repo/path:tag", or a full reference on this registry.
 */
export async function pushArchive(
  registry: LocalRegistry,
  archivePath: string,
  reference: string,
  options: PushArchiveOptions = {},
): Promise<void> {
  if (!onPath("skopeo")) throw new LocalRegistryError("skopeo is missing: apt-get install skopeo (.ci/run does it)");
  const target = reference.startsWith(`${registry.domain}/`) ? reference : `${registry.domain}/${reference}`;
  const args = ["--insecure-policy", "copy", "--dest-tls-verify=false"];
  if (options.all) args.push("--all");
  // A registry another process started may be described without mode and users (e2e): open, then.
  const user = registry.mode === "basic" || registry.mode === "token" ? registry.users?.[0] : undefined;
  if (user !== undefined) args.push("--dest-creds", `${user.username}:${user.password}`);
  args.push(`${options.transport ?? "docker-archive"}:${archivePath}`, `docker://${target}`);
  try {
    await run("skopeo", args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new LocalRegistryError(
      `skopeo ${args.join(" ")} failed: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`,
    );
  }
}
