import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LANE_MIN_BYTES, laneGroups } from "./laneGroups.ts";

const MiB = 1024 * 1024;

describe("laneGroups", () => {
  test("four similar layers on two workers: one group of four; small jobs stay alone", () => {
    assert.deepEqual(laneGroups([256 * MiB, 1000, 250 * MiB, 260 * MiB, 2000, 255 * MiB], 2, 4), [[3, 0, 5, 2]]);
  });

  test("no groups when every big job can have its own worker", () => {
    assert.deepEqual(laneGroups([256 * MiB, 256 * MiB, 256 * MiB, 256 * MiB], 4, 4), []);
    assert.deepEqual(laneGroups([256 * MiB, 256 * MiB], 2, 4), []);
  });

  test("no groups without SIMD lanes", () => {
    assert.deepEqual(laneGroups([256 * MiB, 256 * MiB, 256 * MiB, 256 * MiB], 2, 1), []);
  });

  test("only jobs of similar sizes share a group, and a group needs three", () => {
    // 100, 90, 80 share; 30 and 10 are too small beside them and too few together.
    assert.deepEqual(laneGroups([100 * MiB, 30 * MiB, 90 * MiB, 10 * MiB, 80 * MiB], 2, 4), [[0, 2, 4]]);
    assert.deepEqual(laneGroups([100 * MiB, 40 * MiB, 30 * MiB], 2, 4), []);
  });

  test("eight similar layers on two workers: two groups of four", () => {
    const sizes = Array.from({ length: 8 }, (_, i) => (200 + i) * MiB);
    assert.deepEqual(laneGroups(sizes, 2, 4), [
      [7, 6, 5, 4],
      [3, 2, 1, 0],
    ]);
  });

  test("jobs under LANE_MIN_BYTES never join a group", () => {
    assert.deepEqual(
      laneGroups([LANE_MIN_BYTES - 1, LANE_MIN_BYTES - 1, LANE_MIN_BYTES - 1, LANE_MIN_BYTES - 1], 1, 4),
      [],
    );
  });
});
