// A domain's claims document at https://<host>/.well-known/imageseal.json (RFC 8615). Only what
// the host serves itself counts: a redirect within the same origin is followed (a few hops), a
// redirect to anywhere else is refused, since another host's file proves nothing about this one.
// The body is read within the document cap, whatever Content-Length says.
import { readBody } from "../registry/readBody.ts";
import type { ClaimLocation } from "./claimCheck.ts";
import { MAX_CLAIM_DOCUMENT_BYTES } from "./claimDocument.ts";
import { ClaimError } from "./claimError.ts";

export const WELL_KNOWN_PATH = "/.well-known/imageseal.json";
const MAX_REDIRECTS = 3;
/** A host that accepts the connection and never answers must not hold a verification up. */
const DEFAULT_TIMEOUT_MS = 15_000;

interface WellKnownOptions {
  /** Tests inject one. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** A failed fetch in a browser is a CORS refusal or a network failure, which a page cannot tell apart. Default: detected. */
  inBrowser?: boolean;
  /** For the whole fetch (every hop and the body); default 15 s. */
  timeoutMs?: number;
}

interface WellKnownDocument {
  /** The URL that served it (after same-origin redirects). */
  url: string;
  bytes: Uint8Array;
}

/** Where a domain claim's document lives. */
export function wellKnownUrl(location: ClaimLocation): string {
  return `${location.location}${WELL_KNOWN_PATH}`;
}

function resolve(target: string, base: string): URL | null {
  try {
    return new URL(target, base);
  } catch {
    return null;
  }
}

function detectBrowser(): boolean {
  return (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === undefined;
}

/** Whether the request stopped because our timeout fired (not the caller's abort). */
function timedOut(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as { name?: string } | undefined)?.name === "TimeoutError";
}

async function get(url: string, options: WellKnownOptions, inBrowser: boolean, signal: AbortSignal): Promise<Response> {
  const run = options.fetch ?? ((input, init) => fetch(input, init));
  // Node hands out a redirect unfollowed, so another host is never even asked; a browser hides
  // where a redirect goes (an opaque response), so there it is followed and the final URL checked.
  const redirect: RequestRedirect = inBrowser ? "follow" : "manual";
  try {
    return await run(url, { redirect, headers: { accept: "application/json" }, signal });
  } catch (cause) {
    if (timedOut(signal)) throw new ClaimError("unreachable", `${url} did not answer in time. Try again later.`, cause);
    if ((cause as { name?: string })?.name === "AbortError")
      throw new ClaimError("unreachable", `Stopped before ${url} answered.`, cause);
    if (inBrowser) {
      throw new ClaimError(
        "browser-blocked",
        `${url} does not let browsers read it (it sends no Access-Control-Allow-Origin) or cannot be reached. Check it with the CLI: imageseal claim check.`,
        cause,
      );
    }
    const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
    throw new ClaimError(
      "unreachable",
      `${url} cannot be reached (${reason?.code ?? reason?.message ?? String(cause)}). Check the domain and your network.`,
      cause,
    );
  }
}

/** Fetches the domain's document; throws ClaimError with the failure (gone, unauthorized, unreachable, browser-blocked, malformed). */
export async function fetchWellKnown(
  location: ClaimLocation,
  options: WellKnownOptions = {},
): Promise<WellKnownDocument> {
  const first = wellKnownUrl(location);
  const origin = new URL(first).origin;
  const inBrowser = options.inBrowser ?? detectBrowser();
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  let url = first;
  for (let hop = 0; ; hop += 1) {
    const response = await get(url, options, inBrowser, signal);
    if (response.type === "opaqueredirect") {
      throw new ClaimError(
        "gone",
        `${url} redirects, and a browser does not say where to. Serve the claims document at ${first} itself.`,
      );
    }
    const served = response.url === "" ? null : resolve(response.url, url);
    if (served !== null && served.origin !== origin) {
      await response.body?.cancel();
      throw new ClaimError(
        "gone",
        `${url} redirects to ${served.href}: only a file ${location.scope} serves itself proves control of it. Serve the claims document at ${first}.`,
      );
    }
    if (served !== null) url = served.href;
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const target = response.headers.get("location");
      const next = target === null ? null : resolve(target, url);
      if (next === null)
        throw new ClaimError("malformed", `${url} answered ${response.status} without a valid Location.`);
      if (next.origin !== origin) {
        throw new ClaimError(
          "gone",
          `${url} redirects to ${next.href}: only a file ${location.scope} serves itself proves control of it. Serve the claims document at ${first}.`,
        );
      }
      if (hop === MAX_REDIRECTS)
        throw new ClaimError("unreachable", `${first} redirects more than ${MAX_REDIRECTS} times.`);
      url = next.href;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status === 404 || response.status === 410)
        throw new ClaimError(
          "gone",
          `There is no claims document at ${url} (${response.status}): the claim no longer checks out until the file is served there again.`,
        );
      if (response.status === 401 || response.status === 403)
        throw new ClaimError(
          "unauthorized",
          `${url} refuses to serve the claims document (${response.status}). It must be public.`,
        );
      throw new ClaimError(
        "unreachable",
        `${url} answered ${response.status} ${response.statusText}. Try again later.`,
      );
    }
    try {
      return { url, bytes: await readBody(response, MAX_CLAIM_DOCUMENT_BYTES, `the claims document at ${url}`, url) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "too-large" && timedOut(signal))
        throw new ClaimError("unreachable", `${url} did not send the whole document in time. Try again later.`, error);
      throw new ClaimError(code === "too-large" ? "malformed" : "unreachable", (error as Error).message, error);
    }
  }
}
