// One auth file as docker (config.json) and podman (auth.json) write it: which credential
// helper to ask for a registry, or the credentials stored inline. Parsed as the tools read it:
// `auth` is base64 "user:password" (split at the first colon, as docker's decodeAuth), else the
// `username`/`password` fields; `identitytoken` is an OAuth2 refresh token. The file is the
// user's own, but it is still input: anything malformed is skipped with a warning, never thrown.

/** The key docker stores Docker Hub's credentials under (its IndexServer). */
export const DOCKER_HUB_KEY = "https://index.docker.io/v1/";

const HUB_HOSTS = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export interface StoredCredentials {
  username: string;
  password: string;
  /** An OAuth2 refresh token (`docker login` to registries that issue one, e.g. ACR). */
  identityToken?: string;
}

/** What one file says about one registry. */
type AuthEntry =
  | { kind: "helper"; helper: string; serverUrl: string }
  | { kind: "inline"; credentials: StoredCredentials; key: string }
  | { kind: "none" };

/** The key a registry's entry has (docker: the hostname; Docker Hub: DOCKER_HUB_KEY). */
function serverUrlOf(domain: string): string {
  return HUB_HOSTS.has(domain) ? DOCKER_HUB_KEY : domain;
}

/** As docker's ConvertToHostname: a key may be a URL ("https://host/v1/") from older `docker login`s; podman's may be "host/namespace". */
export function hostOfKey(key: string): string {
  const stripped = key.replace(/^https?:\/\//, "");
  const host = stripped.split("/")[0] ?? "";
  return host.toLowerCase();
}

function sameRegistry(key: string, domain: string): boolean {
  const host = hostOfKey(key);
  if (HUB_HOSTS.has(domain)) return HUB_HOSTS.has(host);
  return host === domain;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const stringAt = (record: Record<string, unknown>, name: string) => {
  const value = record[name];
  return typeof value === "string" ? value : "";
};

/** An `auths` entry → credentials, or why it cannot be used (the words never hold the secret). */
export function decodeEntry(entry: unknown): StoredCredentials | string | null {
  if (!isRecord(entry)) return "its entry is not an object";
  const auth = stringAt(entry, "auth");
  let username = stringAt(entry, "username");
  let password = stringAt(entry, "password");
  if (auth !== "") {
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    // Go's base64.StdEncoding: padded, nothing outside the alphabet.
    if (colon < 0 || auth.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(auth))
      return `its "auth" is not base64 of user:password`;
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1).replace(/\0+$/, "");
  }
  const identityToken = stringAt(entry, "identitytoken");
  if (identityToken !== "") return { username, password, identityToken };
  if (username === "" && password === "") return null;
  return { username, password };
}

/**
 * What `config` (a parsed file) says about `domain`: its credHelpers entry, else its credsStore
 * (docker asks the store for every registry then), else the inline `auths` entry whose key is the
 * registry's (exactly, or as a URL / with a path).
 */
export function entryFor(config: unknown, domain: string, warn: (line: string) => void, file: string): AuthEntry {
  if (!isRecord(config)) {
    warn(`${file} is not a JSON object: ignored`);
    return { kind: "none" };
  }
  const serverUrl = serverUrlOf(domain);
  const helpers = isRecord(config.credHelpers) ? config.credHelpers : {};
  const helper = [serverUrl, domain].map((key) => stringAt(helpers, key)).find((value) => value !== "");
  if (helper !== undefined) return { kind: "helper", helper, serverUrl };
  if (typeof config.credsStore === "string" && config.credsStore !== "")
    return { kind: "helper", helper: config.credsStore, serverUrl };
  const auths = isRecord(config.auths) ? config.auths : {};
  const keys = Object.keys(auths);
  const key =
    keys.find((candidate) => candidate === serverUrl) ?? keys.find((candidate) => sameRegistry(candidate, domain));
  if (key === undefined) return { kind: "none" };
  const decoded = decodeEntry(auths[key]);
  if (typeof decoded === "string") {
    warn(`${file}: the entry for ${key} is ignored: ${decoded}`);
    return { kind: "none" };
  }
  return decoded === null ? { kind: "none" } : { kind: "inline", credentials: decoded, key };
}
