import assert from "node:assert/strict";
import { test } from "node:test";
import { zeroAddress } from "viem";
import { MAX_PAGE_SIZE, pageBounds, readAllRecords } from "./readPages.ts";
import type { ReleaseRecord } from "./release.ts";

const record = (id: number): ReleaseRecord => ({
  id: BigInt(id),
  publisher: zeroAddress,
  signer: zeroAddress,
  publishedAt: 1n,
  revokedAt: 0n,
  blockNumber: 1n,
  valid: true,
});

/** A list lookup over ids oldest → newest, read newest first like the contract's. */
function listOf(ids: number[]) {
  const calls: bigint[] = [];
  const read = async (offset: bigint, limit: bigint) => {
    calls.push(offset);
    const newestFirst = [...ids].reverse();
    return [newestFirst.slice(Number(offset), Number(offset + limit)).map(record), BigInt(ids.length)] as const;
  };
  return { read, calls };
}

test("readAllRecords: every page, newest first, one call per page", async () => {
  const ids = Array.from({ length: 2 * MAX_PAGE_SIZE + 5 }, (_, i) => i);
  const { read, calls } = listOf(ids);
  assert.deepEqual(
    (await readAllRecords(read)).map((r) => Number(r.id)),
    [...ids].reverse(),
  );
  assert.deepEqual(calls, [0n, 100n, 200n]);
});

test("readAllRecords: releases landing between pages shift the offset; nothing is skipped or repeated", async () => {
  const ids = Array.from({ length: MAX_PAGE_SIZE + 10 }, (_, i) => i);
  const original = [...ids].reverse();
  const { read: inner } = listOf(ids);
  let pages = 0;
  const read = async (offset: bigint, limit: bigint) => {
    if (pages++ === 1) ids.push(1000, 1001, 1002); // three releases land after the first page
    return inner(offset, limit);
  };
  assert.deepEqual(
    (await readAllRecords(read)).map((r) => Number(r.id)),
    original,
  );
});

test("readAllRecords: an empty list is one call", async () => {
  const { read, calls } = listOf([]);
  assert.deepEqual(await readAllRecords(read), []);
  assert.equal(calls.length, 1);
});

test("pageBounds: defaults 0 / 20, limit capped at 100 and at least 1", () => {
  assert.deepEqual(pageBounds(), { offset: 0, limit: 20 });
  assert.deepEqual(pageBounds({ offset: -3, limit: 1000 }), { offset: 0, limit: 100 });
  assert.deepEqual(pageBounds({ offset: 7.9, limit: 0 }), { offset: 7, limit: 1 });
});
