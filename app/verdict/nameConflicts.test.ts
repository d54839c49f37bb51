// Name conflicts stay linear and short when anyone floods a name: 10,000 claims in many
// spellings group into one item by normalized name, and the sentence names five publishers.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Address } from "viem";
import { RpcUnreachableError } from "../chain/errors.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { conflictItems, scanItem } from "./nameEvidence.ts";
import { ALICE, claims, evidence, MALLORY, release } from "./test/builders.ts";
import type { Evidence } from "./verdict.ts";

const spammer = (i: number): Address => `0x${(0x1000_0000 + i).toString(16).padStart(40, "0")}`;
const SPELLINGS = ["acme/api:1", "docker.io/acme/api:1", "index.docker.io/acme/api:1", "DOCKER.IO/acme/api:1"];

test("10,000 claims of one name in four spellings: one item, every publisher once, trusted first, five written and the count of the rest", () => {
  const mine = release({ publisher: ALICE, name: "docker.io/acme/api:1", imageId: null, archiveDigest: null });
  const entries = Array.from({ length: 10_000 }, (_, i) => ({
    name: itemAt(SPELLINGS, i % SPELLINGS.length),
    publisher: spammer(i),
    ids: [BigInt(1_000_000 + i), BigInt(2_000_000 + i)],
  }));
  // The same publisher under two spellings is one publisher with both releases.
  entries.push(
    { name: "acme/api", publisher: MALLORY, ids: [7n] },
    { name: "docker.io/acme/api:latest", publisher: MALLORY, ids: [8n] },
    { name: "acme/api:1", publisher: MALLORY, ids: [9n] },
    { name: "docker.io/acme/api:1", publisher: MALLORY, ids: [9n] },
  );
  const ev = evidence({ releases: [mine], nameClaims: claims(entries) });
  const items = conflictItems(ev, ["acme/api:1", ...SPELLINGS, "acme/api:latest"], [mine], {
    publishers: [ALICE],
    pins: [],
  });
  const conflicts = items.filter((i): i is Extract<Evidence, { kind: "name-conflict" }> => i.kind === "name-conflict");
  // docker.io/acme/api:latest has one publisher (MALLORY, in two spellings): no conflict.
  assert.deepEqual(
    conflicts.map((c) => [c.name, c.publishers.length]),
    [["docker.io/acme/api:1", 10_002]],
  );
  const [conflict] = conflicts;
  assert.deepEqual(conflict?.publishers[0], { publisher: ALICE, trusted: true, releaseIds: [mine.id] });
  assert.deepEqual(conflict?.publishers[1], {
    publisher: spammer(0),
    trusted: false,
    releaseIds: [1_000_000n, 2_000_000n],
  });
  assert.deepEqual(conflict?.publishers.at(-1), { publisher: MALLORY, trusted: false, releaseIds: [9n] });
  assert.equal(conflict?.publishers.filter((p) => p.trusted).length, 1);
  assert.equal(
    conflict?.message,
    `10,002 publishers have published docker.io/acme/api:1: ${ALICE} (trusted), ${spammer(0)}, ${spammer(1)}, ${spammer(2)}, ${spammer(3)} and 9,997 more. Anyone can publish any name; only a publisher you trust counts.`,
  );
});

test('up to five publishers are all written, the last after "and"', () => {
  const entries = [0, 1, 2, 3, 4].map((i) => ({ name: "acme/api:1", publisher: spammer(i), ids: [BigInt(i)] }));
  const [item] = conflictItems(evidence({ nameClaims: claims(entries) }), ["acme/api:1"], [], {
    publishers: [],
    pins: [],
  });
  assert.equal(
    item?.message,
    `5 publishers have published docker.io/acme/api:1: ${spammer(0)}, ${spammer(1)}, ${spammer(2)}, ${spammer(3)} and ${spammer(4)}. Anyone can publish any name; only a publisher you trust counts.`,
  );
});

test("a name scan chunk with more releases than the RPC answers at once is a gap that says so", () => {
  const gap = {
    fromBlock: 0n,
    toBlock: 420n,
    error: new RpcUnreachableError("http://rpc", null, "HTTP response body exceeded the size limit."),
    tooManyResults: true,
  };
  const item = scanItem(evidence({ nameClaims: claims([], [gap]) }));
  assert.equal(
    item?.message,
    "Other publishers of these names may be missing: blocks 0–420 (more releases of these names than the RPC returns in one answer: many publishers, or spam) could not be read.",
  );
});
