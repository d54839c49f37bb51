// The JSON-RPC transport for reads, the page's and the CLI's: viem's http, retried once on
// what may pass (a timeout, a dropped connection, HTTP 429/5xx, a rate limit) but never on an
// answer too large — viem's response size limit or an RPC's "more than 10000 results" come
// back the same every time, so a retry only adds a request, and anyone can make an answer too
// large by flooding a name with releases (viem's own retry would repeat those: a
// verification's requests must not grow with what strangers publish).
import { http, type Transport } from "viem";
import { isTooManyResults } from "./scanRanges.ts";

const RETRY_DELAY_MS = 150;
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** JSON-RPC codes worth one more try: unknown, limit exceeded (rate), internal error, 429, QuickNode's rate limit. */
const TRANSIENT_CODES = new Set([-1, -32005, -32603, 429, -32007]);

function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
  return chain;
}

function isTransient(error: unknown): boolean {
  if (isTooManyResults(error)) return false;
  const chain = causes(error);
  if (chain.some((e) => e.name === "TimeoutError")) return true;
  const status = chain.map((e) => (e as { status?: unknown }).status).find((s) => typeof s === "number");
  if (typeof status === "number") return TRANSIENT_STATUS.has(status);
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === "number");
  if (typeof code === "number") return TRANSIENT_CODES.has(code);
  return chain.some((e) => e.name === "HttpRequestError");
}

export function readTransport(url: string, options: { timeout: number; maxResponseBodySize?: number }): Transport {
  const once = http(url, {
    retryCount: 0,
    timeout: options.timeout,
    ...(options.maxResponseBodySize === undefined ? {} : { maxResponseBodySize: options.maxResponseBodySize }),
  });
  return (params) => {
    const inner = once(params);
    const request: typeof inner.request = async (args, requestOptions) => {
      try {
        return await inner.request(args, requestOptions);
      } catch (error) {
        if (!isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        return inner.request(args, requestOptions);
      }
    };
    return { ...inner, request };
  };
}
