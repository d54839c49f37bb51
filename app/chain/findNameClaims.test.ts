import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  type Address,
  createPublicClient,
  custom,
  type Hex,
  HttpRequestError,
  hexToBigInt,
  http,
  type PublicClient,
} from "viem";
import { findNameClaims } from "./actions/findNameClaims.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { publishReleaseBatch } from "./actions/publishReleaseBatch.ts";
import { imageRelease, startTestChain, type TestChain } from "./test/testChain.ts";

/** A client whose eth_getLogs behaves like a picky public RPC; everything else goes to the chain. */
function pickyClient(
  chain: TestChain,
  refuse: (fromBlock: bigint, toBlock: bigint) => Error | null,
): { client: PublicClient; logQueries: [bigint, bigint][] } {
  const upstream = http(chain.url, { retryCount: 0 })({ chain: chain.chain });
  const logQueries: [bigint, bigint][] = [];
  const transport = custom(
    {
      async request({ method, params }: { method: string; params?: unknown }) {
        if (method === "eth_getLogs") {
          const [filter] = params as [{ fromBlock: Hex; toBlock: Hex }];
          const range: [bigint, bigint] = [hexToBigInt(filter.fromBlock), hexToBigInt(filter.toBlock)];
          logQueries.push(range);
          const refusal = refuse(...range);
          if (refusal) throw refusal;
        }
        return upstream.request({ method, params } as never);
      },
    },
    { retryCount: 0 },
  );
  return { client: createPublicClient({ chain: chain.chain, transport }) as PublicClient, logQueries };
}

const rangeTooLarge = () => Object.assign(new Error("query exceeds max block range 8"), { code: -32005 });

describe("findNameClaims", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, deployedOnBlock } = chain;
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [alice, bob] = chain.accounts as [Address, Address];
  const NAME = "docker.io/acme/api:1.0";

  // alice publishes NAME twice (two builds), bob claims it too, carol publishes another name;
  // empty blocks in between so chunking has something to chunk.
  const a1 = await publishRelease(as(0), registry, imageRelease(NAME, "alice build 1"));
  await chain.testClient.mine({ blocks: 20 });
  const b1 = await publishRelease(as(1), registry, imageRelease(NAME, "bob's lookalike"));
  await chain.testClient.mine({ blocks: 20 });
  const batch = await publishReleaseBatch(as(0), registry, [
    imageRelease(NAME, "alice build 2"),
    imageRelease("acme/api:1.0", "alice short name"),
  ]);
  await publishRelease(as(2), registry, imageRelease("docker.io/other/thing:1", "carol"));
  const head = await publicClient.getBlockNumber();

  test("every publisher of the exact name, with their releases oldest first", async () => {
    const found = await findNameClaims(publicClient, { registry, deployedOnBlock }, NAME);
    assert.deepEqual(found, {
      names: [NAME],
      claims: [
        {
          name: NAME,
          publisher: alice,
          releaseIds: [a1.releaseIds[0], batch.releaseIds[0]],
          firstBlock: a1.receipt.blockNumber,
          lastBlock: batch.receipt.blockNumber,
        },
        {
          name: NAME,
          publisher: bob,
          releaseIds: b1.releaseIds,
          firstBlock: b1.receipt.blockNumber,
          lastBlock: b1.receipt.blockNumber,
        },
      ],
      fromBlock: deployedOnBlock,
      toBlock: head,
      complete: true,
      gaps: [],
    });
  });

  test("several spellings in one scan; names are compared byte for byte", async () => {
    const found = await findNameClaims(publicClient, registry, [
      NAME,
      "acme/api:1.0",
      "acme/api:1.0",
      "never/published:1",
    ]);
    assert.deepEqual(found.names, [NAME, "acme/api:1.0", "never/published:1"]);
    assert.deepEqual(
      found.claims.map((c) => [c.name, c.publisher]),
      [
        [NAME, alice],
        [NAME, bob],
        ["acme/api:1.0", alice],
      ],
      "ordered by first release",
    );
    assert.equal(found.fromBlock, 0n, "a bare address scans from block 0");
  });

  test("an RPC that refuses long ranges: the chunk shrinks until accepted, and the scan is still complete", async () => {
    const { client, logQueries } = pickyClient(chain, (from, to) => (to - from + 1n > 8n ? rangeTooLarge() : null));
    const found = await findNameClaims(client, { registry, deployedOnBlock }, NAME, { initialSpan: 64n });
    assert.equal(found.complete, true);
    assert.deepEqual(
      found.claims.map((c) => c.releaseIds.length),
      [2, 1],
    );
    const accepted = logQueries.filter(([from, to]) => to - from + 1n <= 8n);
    assert.equal(accepted[0]?.[0], deployedOnBlock);
    assert.equal(accepted.at(-1)?.[1], head);
    assert.equal(logQueries.length - accepted.length, 3, "64 → 32 → 16 → 8: three refusals, then the cap holds");
  });

  test("blocks that cannot be read are reported as gaps, and the scan says it is incomplete", async () => {
    const bad = b1.receipt.blockNumber;
    const { client } = pickyClient(chain, (from, to) => (from <= bad && bad <= to ? rangeTooLarge() : null));
    const found = await findNameClaims(client, { registry, deployedOnBlock }, NAME);
    assert.equal(found.complete, false);
    assert.deepEqual(
      found.gaps.map(({ fromBlock, toBlock, error }) => [fromBlock, toBlock, error.kind]),
      [[bad, bad, "unknown"]],
    );
    assert.deepEqual(
      found.claims.map((c) => c.publisher),
      [alice],
      "bob's claim sits in the unreadable block",
    );
  });

  test("an unreachable RPC ends the scan at once with one gap up to the head", async () => {
    const { client, logQueries } = pickyClient(
      chain,
      () => new HttpRequestError({ url: "http://rpc.invalid", cause: new TypeError("fetch failed") }),
    );
    const found = await findNameClaims(client, { registry, deployedOnBlock }, NAME);
    assert.equal(logQueries.length, 1);
    assert.deepEqual(
      found.gaps.map(({ fromBlock, toBlock, error }) => [fromBlock, toBlock, error.kind]),
      [[deployedOnBlock, head, "rpc-unreachable"]],
    );
    assert.deepEqual([found.complete, found.claims], [false, []]);
  });
});
