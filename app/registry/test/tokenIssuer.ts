// A token service for distribution's token auth, in-process (Node only, tests and the local
// registry): ES256 JWTs whose header carries the signing certificate (x5c), which the registry
// trusts through its rootcertbundle. Like Docker Hub it grants pull to anyone and push/delete
// only to a user with the right password; a wrong password is a 401.
import { type KeyObject, sign, X509Certificate } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface TokenIssuerOptions {
  /** The registry's auth.token.issuer. */
  issuer: string;
  key: KeyObject;
  certificatePem: string;
  users: { username: string; password: string }[];
}

export interface TokenIssuer {
  /** http://127.0.0.1:PORT/token */
  url: string;
  /** Every token request, for tests: which scopes were asked, by whom. */
  requests: { scopes: string[]; username: string | null }[];
  close(): Promise<void>;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const TOKEN_SECONDS = 300;

/** The Basic user of a request: null when none, false when the password is wrong. */
function userOf(request: IncomingMessage, users: TokenIssuerOptions["users"]): string | null | false {
  const header = request.headers.authorization;
  if (header === undefined || !header.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return users.some((user) => user.username === username && user.password === password) ? username : false;
}

/** `repository:a/b:pull,push` → what this user gets of it (pull for anyone, the rest for users). */
function grant(scope: string, user: string | null): { type: string; name: string; actions: string[] } | null {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  if (first === -1 || last === first) return null;
  const actions = scope
    .slice(last + 1)
    .split(",")
    .filter((action) => action === "pull" || user !== null);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const der = new X509Certificate(options.certificatePem).raw.toString("base64");
  const requests: TokenIssuer["requests"] = [];
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    // Pages fetch tokens too (the Verify and Publisher pages).
    response.setHeader("access-control-allow-origin", "*");
    response.setHeader("access-control-allow-headers", "Authorization");
    if (request.method === "OPTIONS") return void response.end();
    const url = new URL(request.url ?? "/", "http://issuer");
    const user = userOf(request, options.users);
    const scopes = url.searchParams.getAll("scope");
    requests.push({ scopes, username: user || null });
    if (user === false) {
      response.statusCode = 401;
      return void response.end('{"errors":[{"code":"UNAUTHORIZED","message":"wrong user or password"}]}');
    }
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "ES256", typ: "JWT", x5c: [der] };
    const claims = {
      iss: options.issuer,
      sub: user ?? "anonymous",
      aud: url.searchParams.get("service"),
      exp: now + TOKEN_SECONDS,
      nbf: now - 10,
      iat: now,
      jti: crypto.randomUUID(),
      access: scopes.map((scope) => grant(scope, user)).filter((access) => access !== null),
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign("sha256", Buffer.from(input), { key: options.key, dsaEncoding: "ieee-p1363" });
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ token: `${input}.${base64url(signature)}`, expires_in: TOKEN_SECONDS }));
  };
  const server: Server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
