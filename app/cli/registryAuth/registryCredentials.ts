// Credentials for a registry, found where `docker login` and `podman login` keep them, so that
// `imageseal verify <reference>` reads a private repository the user can already pull:
//   1. docker: $DOCKER_CONFIG/config.json, else ~/.docker/config.json
//   2. podman: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json; then
//      $XDG_CONFIG_HOME/containers/auth.json (~/.config/containers/auth.json)
// In each file: credHelpers[registry], else credsStore, else auths[registry] (docker's order).
// The first source with credentials wins; none → anonymous (null). Secrets never reach a
// message: warnings name the file, the registry and the helper only.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { entryFor, type StoredCredentials } from "./authFile.ts";
import { type RunHelper, runCredentialHelper } from "./credentialHelper.ts";

interface FoundCredentials extends StoredCredentials {
  /** Where they came from, for messages: "~/.docker/config.json", "docker-credential-pass". Never the secret. */
  source: string;
}

interface CredentialSources {
  env: Record<string, string | undefined>;
  /** The home directory (tests: a temp one). */
  home?: string;
  /** Problems with a file or a helper: the lookup goes on to the next source. */
  warn?: (line: string) => void;
  runHelper?: RunHelper;
}

/** The auth files in the order they are read. */
export function authFilePaths(env: Record<string, string | undefined>, home: string): string[] {
  const docker = env.DOCKER_CONFIG
    ? path.join(env.DOCKER_CONFIG, "config.json")
    : path.join(home, ".docker", "config.json");
  const podman = env.REGISTRY_AUTH_FILE
    ? [env.REGISTRY_AUTH_FILE]
    : env.XDG_RUNTIME_DIR
      ? [path.join(env.XDG_RUNTIME_DIR, "containers", "auth.json")]
      : [];
  const podmanUser = path.join(env.XDG_CONFIG_HOME || path.join(home, ".config"), "containers", "auth.json");
  return [...new Set([docker, ...podman, podmanUser])];
}

async function readConfig(file: string, warn: (line: string) => void): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR")
      warn(`cannot read ${file} (${code ?? "error"}): its registry credentials are not used`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    warn(`${file} is not valid JSON: its registry credentials are not used`);
    return undefined;
  }
}

/** The credentials for `domain` (lower-case host[:port], e.g. "ghcr.io", "127.0.0.1:5055"), or null to go anonymous. */
export async function findCredentials(domain: string, sources: CredentialSources): Promise<FoundCredentials | null> {
  const warn = sources.warn ?? (() => {});
  const runHelper = sources.runHelper ?? runCredentialHelper;
  const home = sources.home ?? homedir();
  for (const file of authFilePaths(sources.env, home)) {
    const config = await readConfig(file, warn);
    if (config === undefined) continue;
    const entry = entryFor(config, domain, warn, file);
    if (entry.kind === "inline") return { ...entry.credentials, source: file };
    if (entry.kind === "helper") {
      const answer = await runHelper(entry.helper, entry.serverUrl, sources.env);
      if (answer.kind === "found")
        return { ...answer.credentials, source: `docker-credential-${entry.helper} (named in ${file})` };
      if (answer.kind === "failed")
        warn(`credentials for ${domain}: ${answer.reason} (named in ${file}); trying the next source`);
    }
  }
  return null;
}

/** The shape RegistryClient takes (app/registry/client.ts RegistryCredentials, plus identityToken when the file holds one). */
interface ClientCredentials {
  username: string;
  password: string;
  identityToken?: string;
}

/**
 * `credentials(domain)` for RegistryClient: looked up once per registry and kept for the
 * command's life (a helper may prompt or call a cloud CLI). `onFound` hears where each
 * registry's credentials came from (never what they are).
 */
export function registryCredentials(
  sources: CredentialSources,
  onFound?: (domain: string, source: string) => void,
): (domain: string) => Promise<ClientCredentials | null> {
  const cache = new Map<string, Promise<ClientCredentials | null>>();
  return (domain) => {
    const key = domain.toLowerCase();
    let found = cache.get(key);
    if (found === undefined) {
      found = findCredentials(key, sources).then((credentials) => {
        if (credentials === null) return null;
        onFound?.(key, credentials.source);
        const { source: _source, ...rest } = credentials;
        return rest;
      });
      cache.set(key, found);
    }
    return found;
  };
}
