// One layer pulled from a registry and digested as it streams: sha256 of the bytes as stored
// and, for gzip, of the bytes gunzipped as Go's gzip.Reader reads them (the engine's
// EntryDigester). Memory stays bounded: each chunk is hashed and dropped before the next is
// read, and a registry that sends more bytes than the descriptor says is cut off there.
import type { Digest } from "../image/digest.ts";
import { EntryDigester, type EntryDigests } from "../image/hash/entryDigester.ts";
import { completeGunzip } from "../image/hash/exactGunzipPass.ts";
import type { HashTools } from "../image/hash/hashTools.ts";
import type { RegistryClient } from "./client.ts";
import { brokenBody } from "./readBody.ts";
import type { RepositoryRef } from "./reference.ts";

export type PulledLayer =
  | { kind: "read"; digests: EntryDigests }
  /** The registry sent more than `size` bytes: reading stopped at `read`. */
  | { kind: "too-long"; read: number };

async function* chunksOf(body: ReadableStream<Uint8Array>, what: string, url: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((cause: unknown) => {
        throw brokenBody(what, url, cause);
      });
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the download when the caller stops early (too long, or a failure).
    await reader.cancel().catch(() => {});
  }
}

export async function pullLayer(
  client: RegistryClient,
  repo: RepositoryRef,
  digest: Digest,
  size: number,
  tools: HashTools,
  onBytes: (bytes: number) => void,
): Promise<PulledLayer> {
  const what = `the layer ${repo.domain}/${repo.path}@${digest}`;
  const url = `${repo.domain}/${repo.path}@${digest}`;
  const digester = await EntryDigester.create(tools, true);
  let read = 0;
  const { body } = await client.openBlob(repo, digest);
  for await (const chunk of chunksOf(body, what, url)) {
    read += chunk.length;
    if (read > size) return { kind: "too-long", read };
    await digester.write(chunk);
    onBytes(chunk.length);
  }
  // Browsers' fast gunzip declines streams of several members: read the blob again exactly.
  const reread = async function* () {
    yield* chunksOf((await client.openBlob(repo, digest)).body, what, url);
  };
  return { kind: "read", digests: await completeGunzip(await digester.finish(), reread, tools) };
}
