// An OCI distribution client on fetch, for browsers and Node alike: manifests and small blobs
// read whole within a cap and checked against their digest, layers handed out as streams (the
// caller hashes them: pull.ts), uploads for the claim artifacts. No library: the maintained JS
// clients buffer whole blobs or need Node-only modules, and every byte here must be checked.
import { type Digest, isSha256Digest } from "../image/digest.ts";
import type { Sha256Factory } from "../image/hash/sha256.ts";
import { createWasmSha256Factory } from "../image/hash/wasmSha256.ts";
import { MAX_JSON_ENTRY_BYTES } from "../image/limits.ts";
import { Authenticator, type CredentialSource, refusedCredentials } from "./authenticator.ts";
import { parseRetryAfter, RegistryError, statusError } from "./errors.ts";
import { readBody } from "./readBody.ts";
import { type RepositoryRef, registryBaseUrl } from "./reference.ts";
import { parseWwwAuthenticate } from "./wwwAuthenticate.ts";

export type { RegistryCredentials } from "./authenticator.ts";

export interface RegistryClientOptions {
  /** Tests inject one. */
  fetch?: typeof fetch;
  /** The CLI reads docker's config; the page keeps them in memory or has none. */
  credentials?: CredentialSource;
  signal?: AbortSignal;
  /** The engine's hasher for this platform (Node: nodeSha256); default hash-wasm, which runs everywhere. */
  sha256?: Sha256Factory;
  /** A failed fetch in a browser is a CORS refusal or a network failure, which a page cannot tell apart. Default: detected. */
  inBrowser?: boolean;
  /** How long a registry may take to answer a request (its status and headers); default 30 s. A layer's body may take longer. */
  answerTimeoutMs?: number;
}

/** A registry that accepts the connection but never answers must not hang a verification. */
const ANSWER_TIMEOUT_MS = 30_000;

/** What getManifest asks for, in docker's order of preference. */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

export interface FetchedManifest {
  /** sha256 of the bytes, computed (and equal to the digest asked for and to Docker-Content-Digest). */
  digest: Digest;
  /** The registry's Content-Type without parameters: a claim, checked against the document by the reader. */
  mediaType: string;
  bytes: Uint8Array;
}

interface OpenedBlob {
  body: ReadableStream<Uint8Array>;
  /** Content-Length, when sent. */
  size: number | null;
}

type Access = "pull" | "pull,push" | "delete";

interface Call {
  repo: RepositoryRef;
  access: Access;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** For messages: "the manifest of ghcr.io/a/b:1". */
  what: string;
  /** HEAD of a blob before an upload: 404 is an answer ("not there yet"). */
  allow404?: boolean;
}

function detectBrowser(): boolean {
  return (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === undefined;
}

export class RegistryClient {
  readonly #fetch: typeof fetch;
  readonly #signal: AbortSignal | undefined;
  readonly #sha256: Sha256Factory;
  readonly #inBrowser: boolean;
  readonly #auth: Authenticator;
  readonly #answerTimeoutMs: number;

  constructor(options: RegistryClientOptions = {}) {
    this.#answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#signal = options.signal;
    this.#sha256 = options.sha256 ?? createWasmSha256Factory();
    this.#inBrowser = options.inBrowser ?? detectBrowser();
    const credentials = options.credentials ?? (async () => null);
    this.#auth = new Authenticator(credentials, (url, init) =>
      this.#transport(url, init, `the token service at ${new URL(url).origin}`),
    );
  }

  /** GET a manifest or index by tag or digest, at most 4 MiB, its sha256 checked against the digest asked for and Docker-Content-Digest. */
  async getManifest(repo: RepositoryRef, reference: string): Promise<FetchedManifest> {
    const url = `${registryBaseUrl(repo.domain)}/v2/${repo.path}/manifests/${reference}`;
    const what = `the manifest ${repo.domain}/${repo.path}${reference.includes(":") ? "@" : ":"}${reference}`;
    const response = await this.#call({
      repo,
      access: "pull",
      method: "GET",
      url,
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    const bytes = await readBody(response, MAX_JSON_ENTRY_BYTES, what, url);
    const digest = await this.#digestOf(bytes);
    if (isSha256Digest(reference) && digest !== reference) throw mismatch(what, reference, digest, url);
    const stated = response.headers.get("docker-content-digest");
    if (stated !== null && isSha256Digest(stated.trim()) && stated.trim() !== digest)
      throw mismatch(what, stated.trim() as Digest, digest, url);
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    return { digest, mediaType, bytes };
  }

  /** GET a whole blob (configs, claim documents), at most maxBytes, its sha256 checked. */
  async getBlob(repo: RepositoryRef, digest: Digest, maxBytes: number): Promise<Uint8Array> {
    const url = `${registryBaseUrl(repo.domain)}/v2/${repo.path}/blobs/${digest}`;
    const what = `the blob ${repo.domain}/${repo.path}@${digest}`;
    const response = await this.#call({ repo, access: "pull", method: "GET", url, what });
    const bytes = await readBody(response, maxBytes, what, url);
    const found = await this.#digestOf(bytes);
    if (found !== digest) throw mismatch(what, digest, found, url);
    return bytes;
  }

  /** GET a blob as a stream (layers): the caller hashes every byte (pull.ts). */
  async openBlob(repo: RepositoryRef, digest: Digest): Promise<OpenedBlob> {
    const url = `${registryBaseUrl(repo.domain)}/v2/${repo.path}/blobs/${digest}`;
    const response = await this.#call({
      repo,
      access: "pull",
      method: "GET",
      url,
      what: `the blob ${repo.domain}/${repo.path}@${digest}`,
    });
    if (response.body === null)
      throw new RegistryError("bad-response", `${repo.domain} sent no body for the blob ${digest}.`, {
        url,
        status: response.status,
      });
    const length = response.headers.get("content-length");
    return { body: response.body, size: length !== null && /^\d+$/.test(length) ? Number(length) : null };
  }

  /** Uploads a blob in one request (POST, then PUT ?digest=); skipped when the registry already has it. */
  async putBlob(repo: RepositoryRef, bytes: Uint8Array): Promise<Digest> {
    const digest = await this.#digestOf(bytes);
    const base = registryBaseUrl(repo.domain);
    const blobUrl = `${base}/v2/${repo.path}/blobs/${digest}`;
    const what = `uploading ${digest} to ${repo.domain}/${repo.path}`;
    const head = await this.#call({ repo, access: "pull,push", method: "HEAD", url: blobUrl, what, allow404: true });
    if (head.status === 200) return digest;
    const started = await this.#call({
      repo,
      access: "pull,push",
      method: "POST",
      url: `${base}/v2/${repo.path}/blobs/uploads/`,
      what,
    });
    await started.body?.cancel();
    const location = started.headers.get("location");
    if (location === null)
      throw new RegistryError("bad-response", `${repo.domain} started an upload but sent no Location.`, {
        url: started.url,
        status: started.status,
      });
    const upload = new URL(location, `${base}/`);
    upload.searchParams.set("digest", digest);
    const put = await this.#call({
      repo,
      access: "pull,push",
      method: "PUT",
      url: upload.href,
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
      what,
    });
    await put.body?.cancel();
    return digest;
  }

  /** PUT a manifest under a tag; returns its digest (checked against Docker-Content-Digest). */
  async putManifest(repo: RepositoryRef, tag: string, bytes: Uint8Array, mediaType: string): Promise<Digest> {
    const digest = await this.#digestOf(bytes);
    const url = `${registryBaseUrl(repo.domain)}/v2/${repo.path}/manifests/${tag}`;
    const what = `pushing ${repo.domain}/${repo.path}:${tag}`;
    const response = await this.#call({
      repo,
      access: "pull,push",
      method: "PUT",
      url,
      headers: { "content-type": mediaType },
      body: bytes,
      what,
    });
    await response.body?.cancel();
    const stated = response.headers.get("docker-content-digest")?.trim();
    if (stated !== undefined && isSha256Digest(stated) && stated !== digest) throw mismatch(what, digest, stated, url);
    return digest;
  }

  /** DELETE a manifest by digest (distribution needs storage.delete.enabled). */
  async deleteManifest(repo: RepositoryRef, digest: Digest): Promise<void> {
    const url = `${registryBaseUrl(repo.domain)}/v2/${repo.path}/manifests/${digest}`;
    const response = await this.#call({
      repo,
      access: "delete",
      method: "DELETE",
      url,
      what: `deleting ${repo.domain}/${repo.path}@${digest}`,
    });
    await response.body?.cancel();
  }

  async #digestOf(bytes: Uint8Array): Promise<Digest> {
    const hasher = await this.#sha256();
    hasher.update(bytes);
    return hasher.digest();
  }

  /** One request with auth: a 401 is answered once, then any refusal is a typed error. */
  async #call(call: Call): Promise<Response> {
    const scope = `repository:${call.repo.path}:${call.access}`;
    const { domain } = call.repo;
    const send = (authorization: string | null) => {
      const headers: Record<string, string> = { ...call.headers };
      if (authorization !== null) headers.authorization = authorization;
      const init: RequestInit = { method: call.method, headers };
      if (call.body !== undefined) init.body = call.body as BodyInit;
      return this.#transport(call.url, init, domain);
    };
    const sent = this.#auth.known(domain, scope);
    let response = await send(sent);
    if (response.status === 401) {
      const header = response.headers.get("www-authenticate");
      await response.body?.cancel();
      if (header === null) throw statusError(401, call.what, call.url, undefined) as RegistryError;
      const authorization = await this.#auth.answer(domain, scope, parseWwwAuthenticate(header), call.url);
      response = await send(authorization);
      if (response.status === 401) {
        await response.body?.cancel();
        this.#auth.forget(domain, scope);
        throw refusedCredentials(domain, call.url);
      }
    }
    if (response.ok || (call.allow404 && response.status === 404)) return response;
    await response.body?.cancel();
    const refused = statusError(
      response.status,
      call.what,
      call.url,
      parseRetryAfter(response.headers.get("retry-after")),
    );
    if (refused !== null) throw refused;
    if (response.status === 405 && call.method === "DELETE") {
      throw new RegistryError(
        "unsupported",
        `${domain} does not allow deleting manifests (405); distribution needs storage.delete.enabled.`,
        { status: 405, url: call.url },
      );
    }
    throw new RegistryError(
      "bad-response",
      `${call.what}: the registry answered ${response.status} ${response.statusText}. Try again later; if it persists, the registry is failing.`,
      { status: response.status, url: call.url },
    );
  }

  /** fetch, with network failures, silence and aborts turned into typed errors. */
  async #transport(url: string, init: RequestInit, who: string): Promise<Response> {
    if (this.#signal?.aborted) throw aborted(url, this.#signal.reason);
    // Our own controller: the caller's signal still cancels, and a registry that has not
    // answered in time is cut off (once it answers, the body may take as long as it takes).
    const controller = new AbortController();
    const cancel = () => controller.abort(this.#signal?.reason);
    this.#signal?.addEventListener("abort", cancel, { once: true });
    let silent = false;
    const timer = setTimeout(() => {
      silent = true;
      controller.abort();
    }, this.#answerTimeoutMs);
    try {
      return await this.#fetch(url, { ...init, signal: controller.signal });
    } catch (cause) {
      if (silent) {
        throw new RegistryError(
          "unreachable",
          `${who} did not answer within ${this.#answerTimeoutMs / 1000} s. Check the name and your network, then try again.`,
          { url, cause },
        );
      }
      if (this.#signal?.aborted || (cause as { name?: string })?.name === "AbortError") throw aborted(url, cause);
      if (this.#inBrowser) {
        throw new RegistryError(
          "browser-blocked",
          `${who} does not allow browsers to read it (CORS) or cannot be reached. Use the CLI: imageseal verify <reference>.`,
          { url, cause },
        );
      }
      const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
      throw new RegistryError(
        "unreachable",
        `${who} cannot be reached (${reason?.code ?? reason?.message ?? String(cause)}). Check the name and your network, then try again.`,
        { url, cause },
      );
    } finally {
      // The caller's signal stays attached: cancelling must also stop a layer's body mid-stream.
      clearTimeout(timer);
    }
  }
}

function mismatch(what: string, expected: Digest, found: Digest, url: string): RegistryError {
  return new RegistryError(
    "digest-mismatch",
    `${what}: the registry served bytes that hash to ${found}, not ${expected}. It serves other content than it names: do not use this image.`,
    { expected, found, url },
  );
}

function aborted(url: string, cause: unknown): RegistryError {
  return new RegistryError("aborted", "Stopped: the request was cancelled.", { url, cause });
}
