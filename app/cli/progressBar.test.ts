import assert from "node:assert/strict";
import { test } from "node:test";
import { createProgressBar, renderBar } from "./progressBar.ts";

const progress = { bytesDone: 512 * 1024 ** 2, bytesTotal: 1024 ** 3, mbPerSecond: 812.4, etaSeconds: 0.66 };

test("renders fraction, sizes, rate and ETA", () => {
  assert.equal(
    renderBar(progress, 100),
    "[####################--------------------]  50%  512.0 MiB / 1.0 GiB  812 MB/s  ETA 1s",
  );
});

test("draws only on a terminal, only after a moment, and clears its line", () => {
  const written: string[] = [];
  let now = 0;
  const tty = { isTTY: true, columns: 100, write: (text: string) => written.push(text) };
  const bar = createProgressBar(tty, () => now);
  bar.update(progress);
  assert.deepEqual(written, [], "nothing for short runs");
  now = 1000;
  bar.update(progress);
  bar.clear();
  assert.equal(written.length, 2);
  assert.match(written[0] ?? "", /^\r\[#+-+\] {2}50%/);
  assert.equal(written[1], "\r\x1b[K");

  const piped: string[] = [];
  const pipedBar = createProgressBar({ isTTY: false, write: (text: string) => piped.push(text) }, () => now + 5000);
  pipedBar.update(progress);
  pipedBar.clear();
  assert.deepEqual(piped, []);
});
