// The body of a hashing worker, shared by the Web Worker and the Node worker: only how
// bytes are opened and which SHA-256 is used differ between them.
import { EntryDigester } from "../hash/entryDigester.ts";
import { scanGzipTar } from "../hash/scanGzipTar.ts";
import type { Sha256Factory } from "../hash/sha256.ts";
import type { ByteSource, SourceHandle } from "../source/byteSource.ts";
import { serializeError, type HashRequest, type HashResponse } from "./messages.ts";

export interface WorkerEnvironment {
  createSha256: Sha256Factory;
  openSource(handle: SourceHandle): Promise<ByteSource>;
}

/** Progress is batched: one message per this many bytes keeps the channel quiet at GB/s rates. */
const PROGRESS_STEP_BYTES = 8 * 1024 * 1024;

function progressReporter(id: number, post: (response: HashResponse) => void) {
  let pending = 0;
  return {
    add(bytes: number) {
      pending += bytes;
      if (pending >= PROGRESS_STEP_BYTES) this.flush();
    },
    flush() {
      if (pending > 0) post({ type: "progress", id, bytes: pending });
      pending = 0;
    },
  };
}

export async function runHashRequest(request: HashRequest, env: WorkerEnvironment, post: (response: HashResponse) => void): Promise<void> {
  const progress = progressReporter(request.id, post);
  let source: ByteSource | undefined;
  try {
    source = await env.openSource(request.source);
    if (request.type === "digest-range") {
      const { offset, size, decompress } = request.job;
      const digester = await EntryDigester.create(env.createSha256, decompress);
      for await (const chunk of source.stream(offset, offset + size)) {
        await digester.write(chunk);
        progress.add(chunk.length);
      }
      const digests = await digester.finish();
      progress.flush();
      post({ type: "digests", id: request.id, digests });
    } else {
      const scan = await scanGzipTar(source.stream(0, source.size), env.createSha256, (bytes) => progress.add(bytes));
      progress.flush();
      post({ type: "scan", id: request.id, scan });
    }
  } catch (error) {
    post({ type: "error", id: request.id, error: serializeError(error) });
  } finally {
    await source?.close().catch(() => {});
  }
}
