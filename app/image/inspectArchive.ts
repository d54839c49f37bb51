// The engine's entry point: a File/Blob (browser) or a ByteSource (e.g. a Node file) in,
// a typed ArchiveReport out. Content problems become the report's verdict; only abort
// (InspectAbortedError), input I/O (SourceReadError) and worker failures (HashWorkerError) reject.
import type { Digest } from "./digest.ts";
import {
  CorruptGzipError,
  type ImageEngineError,
  LimitExceededError,
  TarFormatError,
  throwIfAborted,
} from "./errors.ts";
import { detectCompression } from "./hash/compression.ts";
import { assessContents } from "./inspect/assessContents.ts";
import { gzipBackend } from "./inspect/gzipBackend.ts";
import { emptyReport, fileReport, unreadableReport } from "./inspect/simpleReports.ts";
import { tarBackend } from "./inspect/tarBackend.ts";
import type { HashPool, PoolRunOptions } from "./pool/hashPool.ts";
import { ProgressMeter } from "./progress/progressMeter.ts";
import type { ArchiveCompression, ArchiveReport, InspectProgress } from "./report.ts";
import { BlobSource } from "./source/blobSource.ts";
import type { ByteSource } from "./source/byteSource.ts";
import { EntryTable } from "./tar/entryTable.ts";
import { BLOCK_SIZE } from "./tar/headerBlock.ts";
import { indexTar } from "./tar/indexTar.ts";
import { looksLikeTar } from "./tar/looksLikeTar.ts";

export interface InspectOptions {
  /** Where hashing runs: createWebHashPool() in browsers, createNodeHashPool() in Node. */
  hashPool: HashPool;
  signal?: AbortSignal;
  onProgress?: (progress: InspectProgress) => void;
  /** Also compute the input's own sha256 (always computed for plain files). */
  archiveDigest?: boolean;
}

interface Context {
  source: ByteSource;
  options: InspectOptions;
  meter: ProgressMeter;
  /** The whole-input digest, once started: computed at most once per inspection. */
  archiveDigest?: Promise<Digest>;
}

function runOptions({ options, meter }: Context): PoolRunOptions {
  const run: PoolRunOptions = { onBytes: meter.add };
  if (options.signal) run.signal = options.signal;
  return run;
}

/** sha256 of the whole input. `alone`: it is the only hashing under way, so progress is its own. */
function wholeDigest(context: Context, alone: boolean): Promise<Digest> {
  context.archiveDigest ??= (async () => {
    const { source, options, meter } = context;
    if (alone) meter.start(source.size);
    const [result] = await options.hashPool.digestRanges(
      source.handle,
      [{ offset: 0, size: source.size, decompress: false }],
      runOptions(context),
    );
    if (alone) meter.finish();
    return result?.digest as Digest;
  })();
  return context.archiveDigest;
}

async function inspectTar(context: Context): Promise<ArchiveReport> {
  const { source, options, meter } = context;
  const listing = await indexTar(source, options.signal);
  const table = new EntryTable(listing.entries, listing.ambiguities);
  const backend = tarBackend(source, table, options.hashPool, meter, options.signal);
  return assessContents({
    backend,
    compression: "none",
    size: source.size,
    archiveDigest: options.archiveDigest === true,
  });
}

async function inspectGzip(context: Context): Promise<ArchiveReport> {
  const { source, options, meter } = context;
  const want = options.archiveDigest === true;
  meter.start(want ? 2 * source.size : source.size);
  // The archive digest is a second sequential read, in another worker, alongside the scan.
  // Started with the scan when asked for; otherwise only if the input turns out to be a plain file.
  const digestOnce = () => wholeDigest(context, !want);
  if (want) digestOnce().catch(() => {}); // observed below; this only keeps it from rejecting unhandled
  const scan = await options.hashPool.scanGzipTar(source.handle, runOptions(context));
  if (!scan.isTar) return fileReport(source.size, "gzip", await digestOnce());
  const backend = gzipBackend(scan, new EntryTable(scan.entries, scan.ambiguities), digestOnce);
  const report = await assessContents({ backend, compression: "gzip", size: source.size, archiveDigest: want });
  meter.finish();
  return report;
}

function isUnreadable(error: unknown): error is ImageEngineError {
  return error instanceof TarFormatError || error instanceof CorruptGzipError || error instanceof LimitExceededError;
}

function isByteSource(input: Blob | ByteSource): input is ByteSource {
  return typeof (input as ByteSource).read === "function" && "handle" in input;
}

export async function inspectArchive(input: Blob | ByteSource, options: InspectOptions): Promise<ArchiveReport> {
  const source = isByteSource(input) ? input : new BlobSource(input);
  throwIfAborted(options.signal);
  const context: Context = { source, options, meter: new ProgressMeter(options.onProgress) };
  if (source.size === 0) return emptyReport(options.archiveDigest === true);
  const head = await source.read(0, BLOCK_SIZE);
  const compression: ArchiveCompression = detectCompression(head);
  try {
    if (compression === "gzip") return await inspectGzip(context);
    if (compression !== "none") {
      const note = {
        code: "archive-not-inspected" as const,
        message: `the file is ${compression}-compressed; only gzip archives are opened, so its contents were not inspected`,
      };
      return fileReport(source.size, compression, await wholeDigest(context, true), [note]);
    }
    if (!looksLikeTar(head)) return fileReport(source.size, "none", await wholeDigest(context, true));
    return await inspectTar(context);
  } catch (error) {
    if (!isUnreadable(error)) throw error;
    const digest = options.archiveDigest === true ? await wholeDigest(context, true) : undefined;
    return unreadableReport(error, source.size, compression, digest);
  }
}
