// The read transport retries once what may pass, and never an answer that is too large (the
// same answer would come back: a retry only adds a request a spammer caused).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, describe, test } from "node:test";
import { createClient } from "viem";
import { getBlockNumber } from "viem/actions";
import { readTransport } from "./readTransport.ts";

type Reply = { status: number; body: string };

describe("readTransport", async () => {
  const replies: Reply[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume().on("end", () => {
      requests++;
      const reply = replies.shift() ?? { status: 200, body: JSON.stringify({ jsonrpc: "2.0", id: 0, result: "0x2a" }) };
      response.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const client = createClient({ transport: readTransport(url, { timeout: 5_000, maxResponseBodySize: 1_000 }) });
  const run = async (queued: Reply[]) => {
    requests = 0;
    replies.splice(0, replies.length, ...queued);
    const outcome = await getBlockNumber(client, { cacheTime: 0 }).then(
      (n) => n,
      (e: unknown) => e as Error,
    );
    return { outcome, requests };
  };

  test("an answer past the size limit: rejected after one request", async () => {
    const { outcome, requests: count } = await run([
      { status: 200, body: JSON.stringify({ jsonrpc: "2.0", id: 0, result: `0x${"0".repeat(2_000)}` }) },
    ]);
    assert.ok(outcome instanceof Error);
    assert.equal(count, 1);
  });

  test('an RPC\'s "more than 10000 results": rejected after one request', async () => {
    const { outcome, requests: count } = await run([
      {
        status: 200,
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 0,
          error: { code: -32005, message: "query returned more than 10000 results" },
        }),
      },
    ]);
    assert.match(String(outcome), /more than 10000 results/);
    assert.equal(count, 1);
  });

  test("HTTP 503, or a rate limit: one more try, which answers", async () => {
    assert.deepEqual(await run([{ status: 503, body: "busy" }]), { outcome: 42n, requests: 2 });
    assert.deepEqual(
      await run([
        {
          status: 200,
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 0,
            error: { code: -32005, message: "rate limit: 10 per second" },
          }),
        },
      ]),
      { outcome: 42n, requests: 2 },
    );
  });

  test("a refusal that would come back the same (invalid params): no retry", async () => {
    const { requests: count } = await run([
      {
        status: 200,
        body: JSON.stringify({ jsonrpc: "2.0", id: 0, error: { code: -32602, message: "invalid params" } }),
      },
    ]);
    assert.equal(count, 1);
  });
});
