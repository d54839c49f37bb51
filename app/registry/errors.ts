// Typed registry failures. Each carries a literal `code` callers switch on and a message that
// says what happened and what to do about it. Only transport, auth and "not there" are errors:
// bytes that do not match their digest inside an inspection become report problems
// (inspectReference.ts), because then the registry served other content: a verdict, not a failure.
import type { Digest } from "../image/digest.ts";

export type RegistryErrorCode =
  | "bad-reference"
  /** 401 (no credentials, or the registry refused them). */
  | "unauthorized"
  /** 403: the credentials are fine but lack the rights. */
  | "forbidden"
  | "not-found"
  /** 429; retryAfter (seconds) when the registry said. */
  | "rate-limited"
  /** A network failure outside browsers (DNS, refused connection, TLS). */
  | "unreachable"
  /** fetch failed in a browser: CORS refusal or network failure, which a page cannot tell apart. */
  | "browser-blocked"
  /** Bytes that do not hash to the digest asked for, or to the registry's Docker-Content-Digest. */
  | "digest-mismatch"
  | "bad-response"
  | "too-large"
  | "unsupported"
  | "aborted";

interface RegistryErrorDetails {
  status?: number;
  url?: string;
  retryAfter?: number;
  /** digest-mismatch: the digest the bytes should have. */
  expected?: Digest;
  /** digest-mismatch: the digest the bytes have. */
  found?: Digest;
  cause?: unknown;
}

export class RegistryError extends Error {
  override readonly name = "RegistryError";
  readonly code: RegistryErrorCode;
  readonly status?: number;
  readonly url?: string;
  readonly retryAfter?: number;
  readonly expected?: Digest;
  readonly found?: Digest;

  constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.url !== undefined) this.url = details.url;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.found !== undefined) this.found = details.found;
  }
}

/** The sentence for a refused request, by HTTP status; null when the status is not one of these. */
export function statusError(
  status: number,
  what: string,
  url: string,
  retryAfter: number | undefined,
): RegistryError | null {
  switch (status) {
    case 401:
      return new RegistryError(
        "unauthorized",
        `${what}: the registry asks for credentials (401). Log in (docker login <registry>) or give a user and password/token that can read it.`,
        { status, url },
      );
    case 403:
      return new RegistryError(
        "forbidden",
        `${what}: the registry refused access (403). The credentials used lack the rights (pull, or push for publishing); use an account or token that has them.`,
        { status, url },
      );
    case 404:
      return new RegistryError(
        "not-found",
        `${what}: not found (404). Check the repository name, the tag or digest, and that you may see it (private repositories answer 404 to strangers on some registries).`,
        { status, url },
      );
    case 429: {
      const wait = retryAfter === undefined ? "later" : `in ${retryAfter} s`;
      return new RegistryError(
        "rate-limited",
        `${what}: the registry limits requests (429). Try again ${wait}, or log in: registries give accounts higher limits.`,
        { status, url, ...(retryAfter === undefined ? {} : { retryAfter }) },
      );
    }
    default:
      return null;
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
