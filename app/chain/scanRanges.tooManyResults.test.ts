// scanRanges with `tooManyResults: "gap"`: a chunk whose answer is too large becomes a gap and the
// scan asks for the same chunks it would have asked for without those logs (a verification's
// requests must not grow with what strangers publish); the default still splits it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isTooManyResults, scanRanges } from "./scanRanges.ts";

/** viem's error when an answer passes its 10 MiB limit, as the HTTP transport throws it. */
class ResponseBodyTooLargeError extends Error {
  override readonly name = "ResponseBodyTooLargeError";
}

function reader(floodedBlock: bigint) {
  const asked: [bigint, bigint][] = [];
  const read = async (chunk: { fromBlock: bigint; toBlock: bigint }) => {
    asked.push([chunk.fromBlock, chunk.toBlock]);
    if (chunk.fromBlock <= floodedBlock && floodedBlock <= chunk.toBlock)
      throw new Error("request failed", {
        cause: new ResponseBodyTooLargeError("HTTP response body exceeded the size limit."),
      });
    return [chunk.fromBlock];
  };
  return { read, asked };
}

test("gap mode: the flooded chunk is a gap, and the chunks asked are those of a scan without the flood", async () => {
  const flooded = reader(25_000n);
  const clean = reader(-1n);
  const range = { fromBlock: 0n, toBlock: 100_000n };
  const result = await scanRanges(range, flooded.read, { tooManyResults: "gap" });
  await scanRanges(range, clean.read, { tooManyResults: "gap" });
  assert.deepEqual(flooded.asked, clean.asked);
  assert.deepEqual(flooded.asked, [
    [0n, 9_999n],
    [10_000n, 29_999n],
    [30_000n, 69_999n],
    [70_000n, 100_000n],
  ]);
  assert.deepEqual(
    result.gaps.map((g) => [g.fromBlock, g.toBlock, g.tooManyResults]),
    [[10_000n, 29_999n, true]],
  );
  assert.deepEqual(result.items, [0n, 30_000n, 70_000n]);
});

test("default: a too-large answer splits the chunk until the flooded block stands alone", async () => {
  const flooded = reader(5n);
  const result = await scanRanges({ fromBlock: 0n, toBlock: 7n }, flooded.read, { initialSpan: 8n });
  assert.deepEqual(flooded.asked, [
    [0n, 7n],
    [0n, 3n],
    [4n, 7n],
    [4n, 5n],
    [4n, 4n],
    [5n, 5n],
    [6n, 7n],
  ]);
  assert.deepEqual(
    result.gaps.map((g) => [g.fromBlock, g.toBlock, g.tooManyResults]),
    [[5n, 5n, undefined]],
  );
});

test("what counts as too many results: viem's size limit and the RPCs' result-count refusals, anywhere in the cause chain", () => {
  assert.equal(isTooManyResults(new Error("x", { cause: new ResponseBodyTooLargeError("too big") })), true);
  assert.equal(isTooManyResults(new Error("query returned more than 10000 results")), true);
  assert.equal(
    isTooManyResults(
      new Error("Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range"),
    ),
    true,
  );
  assert.equal(isTooManyResults(new Error("block range too large")), false);
  assert.equal(isTooManyResults("more than 10 results"), false);
});
