// An in-memory registry behind a fake fetch, for tests of what inspectReference makes of
// documents a real registry would refuse to store or that are tedious to push (ambiguous JSON,
// lying Content-Types, foreign layers, deep nesting). Serves /v2/<path>/manifests/<tag|digest>
// and /v2/<path>/blobs/<digest>, anonymously.
import { createHash } from "node:crypto";
import type { Digest } from "../../image/digest.ts";
import { itemAt } from "../../image/util/itemAt.ts";

export const sha = (bytes: Uint8Array | string): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const bytesOf = (value: unknown): Uint8Array =>
  value instanceof Uint8Array
    ? value
    : typeof value === "string"
      ? new TextEncoder().encode(value)
      : new TextEncoder().encode(JSON.stringify(value));

export class FakeRegistry {
  readonly domain = "fake.test";
  readonly path = "acme/app";
  readonly #manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  readonly #blobs = new Map<string, Uint8Array>();
  /** Requests seen, as "GET manifests/<ref>" / "GET blobs/<digest>". */
  readonly seen: string[] = [];

  /** Stores a blob (bytes, JSON text or a value to JSON-encode); returns its descriptor fields. */
  blob(content: unknown): { digest: Digest; size: number } {
    const bytes = bytesOf(content);
    const digest = sha(bytes);
    this.#blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  }

  /** Stores a manifest or index under its digest (and a tag); the Content-Type it is served with is `mediaType`. */
  manifest(content: unknown, mediaType: string, tag?: string): { digest: Digest; size: number } {
    const bytes = bytesOf(content);
    const digest = sha(bytes);
    this.#manifests.set(digest, { bytes, mediaType });
    if (tag !== undefined) this.#manifests.set(tag, { bytes, mediaType });
    return { digest, size: bytes.length };
  }

  readonly fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const match = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (match === null || match[1] !== this.path) return new Response("", { status: 404 });
    this.seen.push(`GET ${match[2]}/${match[3]}`);
    if (match[2] === "blobs") {
      const blob = this.#blobs.get(itemAt(match, 3));
      return blob === undefined
        ? new Response("", { status: 404 })
        : new Response(blob as BodyInit, { headers: { "content-length": String(blob.length) } });
    }
    const manifest = this.#manifests.get(itemAt(match, 3));
    if (manifest === undefined) return new Response("", { status: 404 });
    return new Response(manifest.bytes as BodyInit, {
      headers: { "content-type": manifest.mediaType, "docker-content-digest": sha(manifest.bytes) },
    });
  }) as typeof fetch;
}
