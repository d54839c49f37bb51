import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { firstFreePort } from "./localStack.ts";

describe("firstFreePort", () => {
  it("gives the port asked for when it is free, and the next free one when something listens there", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      assert.equal(await firstFreePort(taken, 3), await nextFree(taken));
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    assert.equal(await firstFreePort(taken, 1), taken);
  });

  it("says which range it searched when every port in it is taken", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      await assert.rejects(firstFreePort(taken, 1), {
        name: "LocalStackError",
        message: `No free port on 127.0.0.1 from ${taken} to ${taken}`,
      });
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});

/** The reference: the first port above `taken` a fresh server can listen on. */
async function nextFree(taken: number): Promise<number> {
  for (let port = taken + 1; ; port += 1) {
    const probe = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}
