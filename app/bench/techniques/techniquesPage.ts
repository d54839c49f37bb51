// The bench-only page of browserTechniques.ts: runs a technique in N workers, each on
// its share of the chosen File, and reports the wall time of the whole.
import type { Mode, TechniqueRequest, TechniqueResult } from "./techniqueModes.ts";

const input = document.querySelector('[data-testid="file"]') as HTMLInputElement;
const gzInput = document.querySelector('[data-testid="gz-file"]') as HTMLInputElement;

function runInWorker(request: TechniqueRequest): Promise<TechniqueResult> {
  const worker = new Worker(new URL("./techniques.worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.addEventListener("message", (event: MessageEvent<TechniqueResult>) => {
      worker.terminate();
      resolve(event.data);
    });
    worker.addEventListener("error", (event) => reject(new Error(event.message)));
    worker.postMessage(request);
  });
}

/** The page reads the File and feeds one worker by messages, copying or transferring each chunk. */
async function mainReads(file: Blob, size: number, transfer: boolean): Promise<TechniqueResult> {
  const worker = new Worker(new URL("./techniques.worker.ts", import.meta.url), { type: "module" });
  const done = new Promise<TechniqueResult>((resolve) =>
    worker.addEventListener("message", (event: MessageEvent<TechniqueResult>) => resolve(event.data)),
  );
  const CHUNK = 1024 * 1024;
  for (let offset = 0; offset < size; offset += CHUNK) {
    const chunk = await file.slice(offset, Math.min(size, offset + CHUNK)).arrayBuffer();
    worker.postMessage({ chunk }, transfer ? [chunk] : []);
  }
  worker.postMessage({ chunk: null });
  const result = await done;
  worker.terminate();
  return result;
}

async function runTechnique(mode: Mode, workers: number, limit: number): Promise<{ ms: number; bytes: number }> {
  // The gunzip modes inflate the whole .gz file; the others read up to `limit` bytes of the file.
  const file = mode.startsWith("gunzip") ? gzInput.files?.[0] : input.files?.[0];
  if (!file) throw new Error("no file chosen");
  const size = mode.startsWith("gunzip") ? file.size : Math.min(file.size, limit);
  if (mode === "main-reads-copy" || mode === "main-reads-transfer") {
    const started = performance.now();
    const { bytes } = await mainReads(file, size, mode === "main-reads-transfer");
    return { ms: performance.now() - started, bytes };
  }
  const share = Math.ceil(size / workers);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      runInWorker({ mode, file, start: i * share, end: Math.min(size, (i + 1) * share) }),
    ),
  );
  return { ms: performance.now() - started, bytes: results.reduce((sum, result) => sum + result.bytes, 0) };
}

Object.assign(window, { runTechnique });
