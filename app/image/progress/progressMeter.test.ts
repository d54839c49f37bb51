import assert from "node:assert/strict";
import { test } from "node:test";
import type { InspectProgress } from "../report.ts";
import { ProgressMeter } from "./progressMeter.ts";

test("throttles to one event per 100 ms, with rate and ETA, and always reports the start and the end", () => {
  let now = 0;
  const events: InspectProgress[] = [];
  const meter = new ProgressMeter(
    (p) => events.push(p),
    () => now,
  );
  meter.start(1_000_000_000);
  now = 50;
  meter.add(100_000_000); // within 100 ms of the start event: swallowed
  now = 1000;
  meter.add(100_000_000);
  now = 1050;
  meter.add(100_000_000); // swallowed
  meter.finish();
  assert.deepEqual(events, [
    { bytesDone: 0, bytesTotal: 1_000_000_000, mbPerSecond: 0, etaSeconds: null },
    { bytesDone: 200_000_000, bytesTotal: 1_000_000_000, mbPerSecond: 200, etaSeconds: 4 },
    { bytesDone: 1_000_000_000, bytesTotal: 1_000_000_000, mbPerSecond: 1_000_000_000 / 1.05 / 1e6, etaSeconds: 0 },
  ]);
});

test("never reports more done than the total", () => {
  let last: InspectProgress | undefined;
  const meter = new ProgressMeter(
    (p) => (last = p),
    () => 0,
  );
  meter.start(10);
  meter.add(25);
  meter.finish();
  assert.equal(last?.bytesDone, 10);
});
