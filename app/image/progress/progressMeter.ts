// Turns "n more bytes hashed" into throttled progress events with a rate and an ETA.
import type { InspectProgress } from "../report.ts";

/** At most ten events a second: enough for a progress bar, cheap for a UI. */
const MIN_INTERVAL_MS = 100;

export class ProgressMeter {
  readonly #onProgress: ((progress: InspectProgress) => void) | undefined;
  readonly #now: () => number;
  #total = 0;
  #done = 0;
  #startedAt = 0;
  #lastEmit = -Infinity;

  constructor(onProgress?: (progress: InspectProgress) => void, now: () => number = () => performance.now()) {
    this.#onProgress = onProgress;
    this.#now = now;
  }

  start(bytesTotal: number): void {
    this.#total = bytesTotal;
    this.#done = 0;
    this.#startedAt = this.#now();
    this.#emit(true);
  }

  /** Bound so that it can be passed as a callback. */
  add = (bytes: number): void => {
    this.#done = Math.min(this.#total, this.#done + bytes);
    this.#emit(false);
  };

  finish(): void {
    this.#done = this.#total;
    this.#emit(true);
  }

  #emit(force: boolean): void {
    if (!this.#onProgress) return;
    const now = this.#now();
    if (!force && now - this.#lastEmit < MIN_INTERVAL_MS) return;
    this.#lastEmit = now;
    const seconds = (now - this.#startedAt) / 1000;
    const bytesPerSecond = seconds > 0 ? this.#done / seconds : 0;
    this.#onProgress({
      bytesDone: this.#done,
      bytesTotal: this.#total,
      mbPerSecond: bytesPerSecond / 1e6,
      etaSeconds: bytesPerSecond > 0 ? (this.#total - this.#done) / bytesPerSecond : null,
    });
  }
}
