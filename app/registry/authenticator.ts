// Registry authentication as docker does it (distribution's token spec): a request answered
// 401 names its scheme in WWW-Authenticate. Bearer: ask the realm for a token for the scope
// (with the user's credentials as Basic when there are some, anonymously otherwise), retry with
// it, and keep it for its lifetime per (registry, scope). Basic: retry with the credentials.
import { RegistryError } from "./errors.ts";
import { readBody } from "./readBody.ts";
import type { AuthChallenge } from "./wwwAuthenticate.ts";

export interface RegistryCredentials {
  username: string;
  password: string;
  /**
   * docker login's identity token (docker config "identitytoken": Azure ACR, Harbor OIDC…): an
   * OAuth2 refresh token, traded at the realm for an access token (POST grant_type=refresh_token).
   */
  identityToken?: string;
}

export type CredentialSource = (domain: string) => Promise<RegistryCredentials | null>;

/** Tokens are short-lived; the spec's default when the realm gives no expires_in. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Renew a little early so that a token does not expire between our check and the registry's. */
const EXPIRY_MARGIN_SECONDS = 10;
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

function basicAuthorization(credentials: RegistryCredentials): string {
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

type Send = (url: string, init: RequestInit) => Promise<Response>;

export class Authenticator {
  readonly #credentials: CredentialSource;
  readonly #send: Send;
  readonly #now: () => number;
  /** `${domain} ${scope}` → token and when it expires (ms). */
  readonly #tokens = new Map<string, { authorization: string; expiresAt: number }>();
  /** Domains that answered with a Basic challenge: send credentials up front from then on. */
  readonly #basic = new Map<string, string>();

  constructor(credentials: CredentialSource, send: Send, now: () => number = Date.now) {
    this.#credentials = credentials;
    this.#send = send;
    this.#now = now;
  }

  /** The Authorization header to send before any challenge, when one is known. */
  known(domain: string, scope: string): string | null {
    const basic = this.#basic.get(domain);
    if (basic !== undefined) return basic;
    const token = this.#tokens.get(`${domain} ${scope}`);
    if (token === undefined) return null;
    if (token.expiresAt > this.#now()) return token.authorization;
    this.#tokens.delete(`${domain} ${scope}`);
    return null;
  }

  /** Answers a 401's challenges; throws unauthorized when they cannot be met. */
  async answer(domain: string, scope: string, challenges: AuthChallenge[], url: string): Promise<string> {
    const bearer = challenges.find((c) => c.scheme === "bearer");
    if (bearer !== undefined) return this.#token(domain, scope, bearer, url);
    if (challenges.some((c) => c.scheme === "basic")) {
      const credentials = await this.#credentials(domain);
      if (credentials === null) throw needsCredentials(domain, url);
      const authorization = basicAuthorization(credentials);
      this.#basic.set(domain, authorization);
      return authorization;
    }
    const schemes = challenges.map((c) => c.scheme).join(", ") || "none";
    throw new RegistryError(
      "unsupported",
      `${domain} asks for an authentication scheme ImageSeal does not speak (${schemes}); only Bearer tokens and Basic are supported.`,
      { status: 401, url },
    );
  }

  /** Forgets what was sent for a request the registry still refused. */
  forget(domain: string, scope: string): void {
    this.#basic.delete(domain);
    this.#tokens.delete(`${domain} ${scope}`);
  }

  /** docker's OAuth2 flow for identity tokens: the same realm, POST, form-encoded. */
  #refreshToken(realm: string, service: string | undefined, scopes: string[], refreshToken: string): Promise<Response> {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: "imageseal",
      refresh_token: refreshToken,
    });
    if (service !== undefined) form.set("service", service);
    form.set("scope", scopes.join(" "));
    return this.#send(realm, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
  }

  async #token(domain: string, scope: string, challenge: AuthChallenge, url: string): Promise<string> {
    const realm = challenge.params.realm;
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm ?? "");
    } catch {
      throw new RegistryError(
        "bad-response",
        `${domain} asks for a token but names no usable realm (${JSON.stringify(realm ?? null)}). Report it to the registry's operator.`,
        { status: 401, url },
      );
    }
    if (tokenUrl.protocol !== "https:" && tokenUrl.protocol !== "http:") {
      throw new RegistryError("bad-response", `${domain} names a token realm that is not http(s): ${tokenUrl.href}.`, {
        status: 401,
        url,
      });
    }
    if (challenge.params.service !== undefined) tokenUrl.searchParams.set("service", challenge.params.service);
    // The registry may need more than we guessed (e.g. a mount's source repository): ask for that too.
    const asked = challenge.params.scope;
    const scopes = asked !== undefined && asked !== scope ? [scope, asked] : [scope];
    for (const each of scopes) tokenUrl.searchParams.append("scope", each);
    const credentials = await this.#credentials(domain);
    const response = credentials?.identityToken
      ? await this.#refreshToken(realm as string, challenge.params.service, scopes, credentials.identityToken)
      : await this.#send(tokenUrl.href, {
          method: "GET",
          headers: credentials === null ? {} : { authorization: basicAuthorization(credentials) },
        });
    // An OAuth2 server refuses a bad refresh token with 400 invalid_grant.
    if (response.status === 401 || (credentials?.identityToken && response.status === 400)) {
      await response.body?.cancel();
      throw credentials === null ? needsCredentials(domain, tokenUrl.href) : refusedCredentials(domain, tokenUrl.href);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegistryError(
        "bad-response",
        `${domain}'s token service (${tokenUrl.origin}) answered ${response.status}. Try again later.`,
        { status: response.status, url: tokenUrl.href },
      );
    }
    const body = await readBody(response, MAX_TOKEN_RESPONSE_BYTES, "the token response", tokenUrl.href);
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(new TextDecoder().decode(body)) as typeof parsed;
    } catch (cause) {
      throw new RegistryError("bad-response", `${domain}'s token service sent something that is not JSON.`, {
        url: tokenUrl.href,
        cause,
      });
    }
    const token = typeof parsed.token === "string" && parsed.token !== "" ? parsed.token : parsed.access_token;
    if (typeof token !== "string" || token === "")
      throw new RegistryError("bad-response", `${domain}'s token service sent no token.`, { url: tokenUrl.href });
    const seconds =
      typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    const authorization = `Bearer ${token}`;
    this.#tokens.set(`${domain} ${scope}`, {
      authorization,
      expiresAt: this.#now() + Math.max(0, seconds - EXPIRY_MARGIN_SECONDS) * 1000,
    });
    return authorization;
  }
}

function needsCredentials(domain: string, url: string): RegistryError {
  return new RegistryError(
    "unauthorized",
    `${domain} needs credentials for this. Log in (docker login ${domain}) or give a user and a password or token that can read it.`,
    { status: 401, url },
  );
}

export function refusedCredentials(domain: string, url: string): RegistryError {
  return new RegistryError(
    "unauthorized",
    `${domain} refused the credentials given (401): the user or password/token is wrong, expired, or lacks this repository. Log in again (docker login ${domain}).`,
    { status: 401, url },
  );
}
