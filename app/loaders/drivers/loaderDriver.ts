// The shape every loader driver has: find out whether its tool is here, read one archive
// into normalized readings (one per "loader", e.g. skopeo gives two), clean up after.
import type { LoaderFamily, LoaderReading } from "../reading.ts";

export interface LoaderDriver {
  readonly family: LoaderFamily;
  /** Starts what the tool needs (a throw-away daemon) or says why it cannot: null when ready. */
  start(): Promise<string | null>;
  /** Reads one archive; never throws for anything the archive does, never hangs. */
  read(file: string): Promise<LoaderReading[]>;
  /** Stops what start() started. */
  stop(): Promise<void>;
}

/** Per-command limit: a loader that takes longer on a case under 100 KB is stuck. */
export const COMMAND_TIMEOUT_MS = 60_000;
