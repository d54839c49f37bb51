// `npm run spam -- --releases 10000`: shows that spam cannot slow a verification down. On its
// own test chain, a trusted publisher releases a real fixture image; `imageseal verify
// --publisher … --name …` runs in this process (the CLI's own code) against a JSON-RPC proxy
// that counts every request by method; then N releases by ~100 other addresses name the same
// image under the same name, mined into few blocks (the chain barely grows, so the name
// scan's chunks are the same); then the same verify again. Prints both side by side and
// exits 1 with a FAIL line when the request counts differ.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { publishRelease } from "../chain/actions/publishRelease.ts";
import { startTestChain, type TestChain } from "../chain/test/testChain.ts";
import type { CliIo } from "../cli/command.ts";
import { verifyCommand } from "../cli/verify/verifyCommand.ts";
import type { Digest } from "../image/digest.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { publishSpam } from "../verdict/test/publishSpam.ts";
import type { VerificationJson } from "../verdict/verificationJson.ts";

const FIXTURE = "docker20-save.tar";
const NAME = "docker.io/fixture/multi:2.0";
const fixturesDir = new URL("../image/fixtures/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", fixturesDir), "utf8")) as Record<
  string,
  { images: { imageId: Digest }[] }
>;

/** A JSON-RPC proxy in front of the chain that tallies the methods of the requests it forwards. */
async function countingProxy(
  target: string,
): Promise<{ url: string; take(): Map<string, number>; close(): Promise<void> }> {
  let counts = new Map<string, number>();
  const body = (request: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let text = "";
      request
        .setEncoding("utf8")
        .on("data", (chunk: string) => (text += chunk))
        .on("end", () => resolve(text))
        .on("error", reject);
    });
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await body(request);
      const calls = JSON.parse(text) as { method: string } | { method: string }[];
      for (const call of Array.isArray(calls) ? calls : [calls])
        counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
      const answer = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      response.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    })().catch((error: unknown) => response.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = counts;
      counts = new Map();
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Measured {
  requests: Map<string, number>;
  seconds: number;
  json: VerificationJson;
}

/** `imageseal verify <fixture> --chain <proxy> --registry … --publisher … --name … --json`, in this process. */
async function verifyOnce(
  chain: TestChain,
  proxy: Awaited<ReturnType<typeof countingProxy>>,
  publisher: Address,
): Promise<Measured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    interrupt: new AbortController().signal,
  };
  const args = [
    fileURLToPath(new URL(FIXTURE, fixturesDir)),
    "--chain",
    proxy.url,
    "--registry",
    chain.registry,
    "--publisher",
    publisher,
    "--name",
    NAME,
    "--json",
  ];
  proxy.take();
  const started = performance.now();
  const status = await verifyCommand.run(args, io);
  const seconds = (performance.now() - started) / 1000;
  if (status === 2) throw new Error(`imageseal verify failed: ${stderr}`);
  return { requests: proxy.take(), seconds, json: JSON.parse(stdout) as VerificationJson };
}

const group = (n: number) => n.toLocaleString("en-US");

function table(spam: number, before: Measured, after: Measured): string {
  const methods = [...new Set([...before.requests.keys(), ...after.requests.keys()])].sort();
  const total = (m: Measured) => [...m.requests.values()].reduce((a, b) => a + b, 0);
  const evidence = (m: Measured) => m.json.targets[0]?.evidence ?? [];
  const unreadCount = (m: Measured) =>
    group(
      evidence(m)
        .flatMap((e) => (e.kind === "other-releases" ? e.counts.map((c) => c.unread) : []))
        .reduce((a, b) => Math.max(a, b), 0),
    );
  // The scan reads one answer per chunk of blocks; a chunk with more logs than an answer holds is a gap, said so.
  const scanWords = (m: Measured) =>
    evidence(m).some((e) => e.kind === "scan-incomplete") ? "gap: too many results" : "complete";
  const rows: [string, string, string][] = [
    ["JSON-RPC method", "0 spam", `${group(spam)} spam`],
    ...methods.map((m): [string, string, string] => [
      m,
      group(before.requests.get(m) ?? 0),
      group(after.requests.get(m) ?? 0),
    ]),
    ["total requests", group(total(before)), group(total(after))],
    ["wall time", `${before.seconds.toFixed(2)} s`, `${after.seconds.toFixed(2)} s`],
    ["verdict", before.json.verdict, after.json.verdict],
    ["others counted, not read", unreadCount(before), unreadCount(after)],
    ["name scan", scanWords(before), scanWords(after)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i as 0 | 1 | 2].length)));
  const line = (r: [string, string, string]) =>
    `| ${r[0].padEnd(itemAt(widths, 0))} | ${r[1].padStart(itemAt(widths, 1))} | ${r[2].padStart(itemAt(widths, 2))} |`;
  const rule = `|${"-".repeat(itemAt(widths, 0) + 2)}|${"-".repeat(itemAt(widths, 1) + 1)}:|${"-".repeat(itemAt(widths, 2) + 1)}:|`;
  return [line(rows[0] as [string, string, string]), rule, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      releases: { type: "string", default: "10000" },
      publishers: { type: "string", default: "100" },
      "per-transaction": { type: "string", default: "50" },
    },
  });
  const releases = Number(values.releases);
  const publishers = Number(values.publishers);
  const perTransaction = Number(values["per-transaction"]);
  if (![releases, publishers, perTransaction].every((n) => Number.isSafeInteger(n) && n > 0))
    throw new Error("--releases, --publishers and --per-transaction take whole numbers above 0");
  // The CLI reads the environment (VITE_* local settings); this run must not depend on the shell's.
  for (const key of Object.keys(process.env)) if (key.startsWith("VITE_")) delete process.env[key];

  const chain = await startTestChain();
  const proxy = await countingProxy(chain.url);
  try {
    const alice = itemAt(chain.accounts, 0);
    const imageId = expected[FIXTURE]?.images[0]?.imageId as Digest;
    await publishRelease({ publicClient: chain.publicClient, walletClient: chain.wallet(0) }, chain.registry, {
      name: NAME,
      imageId,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    await verifyOnce(chain, proxy, alice); // warm-up: module loading and the first worker start are not the chain's cost
    const before = await verifyOnce(chain, proxy, alice);

    const spamStarted = performance.now();
    const spam = await publishSpam(chain, {
      registry: chain.registry,
      count: releases,
      publishers,
      name: NAME,
      imageId,
      perTransaction,
    });
    const spamSeconds = (performance.now() - spamStarted) / 1000;
    const after = await verifyOnce(chain, proxy, alice);

    console.log(
      `imageseal verify ${FIXTURE} --publisher <trusted> --name ${NAME}: requests by method, with 0 and with ${group(releases)} spam releases`,
    );
    console.log(
      `(the spam: ${group(releases)} releases of the same imageId and name by ${group(publishers)} addresses, ${group(spam.transactions)} publishBatch transactions in ${spam.blocks} block${spam.blocks === 1 ? "" : "s"}, ${spamSeconds.toFixed(1)} s to publish)\n`,
    );
    console.log(table(releases, before, after));
    const differ = [...new Set([...before.requests.keys(), ...after.requests.keys()])].filter(
      (m) => before.requests.get(m) !== after.requests.get(m),
    );
    if (differ.length > 0) {
      console.log(
        `\nFAIL: the request counts differ (${differ.map((m) => `${m}: ${before.requests.get(m) ?? 0} → ${after.requests.get(m) ?? 0}`).join(", ")})`,
      );
      return 1;
    }
    if (before.json.verdict !== "VERIFIED" || after.json.verdict !== "VERIFIED") {
      console.log(`\nFAIL: the verdict should be VERIFIED both times (${before.json.verdict}, ${after.json.verdict})`);
      return 1;
    }
    console.log(`\nPASS: the same requests, method by method, with 0 and with ${group(releases)} spam releases.`);
    return 0;
  } finally {
    await proxy.close();
    await chain.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(`spam: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
