import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeadlineError, parseDeadline } from "./deadline.ts";

const NOW = Date.parse("2026-11-29T12:00:00Z") / 1000;
const DAY = 86_400;

describe("parseDeadline", () => {
  test("days from now, 7 by default", () => {
    assert.equal(parseDeadline(undefined, NOW), BigInt(NOW + 7 * DAY));
    assert.equal(parseDeadline("1", NOW), BigInt(NOW + DAY));
    assert.equal(parseDeadline("366", NOW), BigInt(NOW + 366 * DAY));
  });

  test("an ISO date with a zone, or a bare day as UTC midnight", () => {
    assert.equal(parseDeadline("2026-12-31T18:00:00Z", NOW), BigInt(Date.parse("2026-12-31T18:00:00Z") / 1000));
    assert.equal(parseDeadline("2026-12-31T18:00:00+02:00", NOW), BigInt(Date.parse("2026-12-31T16:00:00Z") / 1000));
    assert.equal(parseDeadline("2026-12-31", NOW), BigInt(Date.parse("2026-12-31T00:00:00Z") / 1000));
  });

  test("refuses what would be read two ways, the past, and too far", () => {
    for (const text of ["0", "367", "2026-12-31T18:00:00", "next week", "2026-13-01", "1.5"])
      assert.throws(() => parseDeadline(text, NOW), DeadlineError, text);
    assert.throws(() => parseDeadline("2026-11-28", NOW), { message: "--deadline 2026-11-28 has already passed." });
    assert.throws(() => parseDeadline("2028-01-01", NOW), {
      message: "--deadline 2028-01-01 is more than 366 days away; sign again later instead.",
    });
  });
});
