import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { itemAt, MissingValueError, present } from "./itemAt.ts";

describe("itemAt", () => {
  test("returns the item at an index inside the items, also a stored undefined or 0", () => {
    assert.equal(itemAt(["a", "b"], 1), "b");
    assert.equal(itemAt(new Uint8Array([0, 7]), 0), 0);
    assert.equal(itemAt([undefined, 1], 0), undefined);
  });

  test("throws a MissingValueError for an index past the end, negative or fractional", () => {
    for (const index of [2, -1, 0.5]) {
      assert.throws(() => itemAt(["a", "b"], index), new MissingValueError(`no item at index ${index} of 2`));
    }
    assert.throws(() => itemAt([], 0), { name: "MissingValueError", message: "no item at index 0 of 0" });
  });
});

describe("present", () => {
  test("returns a present value, including falsy ones", () => {
    assert.equal(present(new Map([["k", 0]]).get("k"), "k"), 0);
    assert.equal(present("", "text"), "");
  });

  test("throws a MissingValueError naming what was missing, for undefined and for null", () => {
    assert.throws(() => present(new Map<string, number>().get("k"), "the entry for k"), {
      name: "MissingValueError",
      message: "the entry for k is missing",
    });
    assert.throws(() => present(null, "the layer path"), new MissingValueError("the layer path is missing"));
  });
});
