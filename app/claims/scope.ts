// What a claim covers and what a user's trust scope includes, compared on names normalized as
// docker reads them (app/verdict/normalizeImageName.ts): "nginx", "docker.io/library/nginx"
// and "index.docker.io/library/nginx" are one repository. Exact by design: a repository claim
// covers that repository only (never its namespace, nor a sibling such as acme/api-evil), a
// domain claim covers the repositories of exactly that host and port.
import { parseImageName } from "../verdict/normalizeImageName.ts";
import type { ClaimLocation } from "./claimCheck.ts";

interface Repository {
  /** "ghcr.io", "docker.io", "127.0.0.1:5055" (lower case). */
  domain: string;
  /** "acme/api", "library/nginx". */
  path: string;
  /** domain/path */
  repository: string;
}

/** A user's "trust whoever proves control of …": a whole host, or a repository path prefix on one. */
type TrustedScope = { kind: "domain"; domain: string } | { kind: "namespace"; domain: string; path: string };

/** A repository name without tag or digest ("ghcr.io/acme/api", "nginx"), normalized; null when it is not one. */
export function parseRepository(text: string): Repository | null {
  const parsed = parseImageName(text);
  if (parsed === null || parsed.tag !== null || parsed.digest !== null) return null;
  return stable(parsed.domain, parsed.path);
}

/** The repository of an image name or repository ("ghcr.io/acme/api:1.0" → ghcr.io/acme/api); null when it is neither. */
export function repositoryOf(nameOrRepository: string): Repository | null {
  const parsed = parseImageName(nameOrRepository);
  return parsed === null ? null : stable(parsed.domain, parsed.path);
}

/**
 * The repository, when its normalized name reads back as itself. Docker takes an upper-case first
 * component for a host ("Acme/api" is the host acme), which lower-cased reads as Docker Hub's
 * acme/api: such names are refused rather than given two meanings.
 */
function stable(domain: string, path: string): Repository | null {
  const again = parseImageName(`${domain}/${path}`);
  if (again === null || again.domain !== domain || again.path !== path) return null;
  return { domain, path, repository: `${domain}/${path}` };
}

/**
 * A registry host as docker names one ("acme.com", "localhost:5099", "127.0.0.1:5055",
 * "[::1]:5000"), lower-cased, index.docker.io read as docker.io; null for anything else,
 * including a single word docker would take for a Docker Hub namespace ("acme").
 */
export function parseDomain(text: string): string | null {
  if (text === "" || /[/@]/.test(text)) return null;
  // Lower-cased first: docker takes any upper-case word for a host, which would make "Acme" one.
  const lower = text.toLowerCase();
  const parsed = parseImageName(`${lower}/x`);
  if (parsed === null) return null;
  return parsed.domain === (lower === "index.docker.io" ? "docker.io" : lower) ? parsed.domain : null;
}

/**
 * A claim's scope as written ("ghcr.io/acme/api", "Registry.Acme.com", "localhost:5099"):
 * the normalized repository (it has a "/") or host; null when it is neither.
 */
export function normalizeClaimScope(text: string): string | null {
  return text.includes("/") ? (parseRepository(text)?.repository ?? null) : parseDomain(text);
}

/**
 * "ghcr.io/acme" (a namespace: every repository under it), "ghcr.io/acme/api" (that repository and
 * any below it), "registry.acme.com" (a host: all of it). A path without a host is Docker Hub's, as
 * docker reads it ("acme/api" is docker.io/acme/api); Docker Hub namespaces are written without
 * "library/" (docker.io/acme), official images with it (docker.io/library/nginx). Null when not a scope.
 */
export function parseTrustedScope(text: string): TrustedScope | null {
  const trimmed = text.trim().replace(/\/+$/, "");
  if (!trimmed.includes("/")) {
    const domain = parseDomain(trimmed);
    return domain === null ? null : { kind: "domain", domain };
  }
  const parsed = parseImageName(trimmed);
  if (parsed === null || parsed.tag !== null || parsed.digest !== null) return null;
  const slash = trimmed.indexOf("/");
  const first = parseDomain(trimmed.slice(0, slash));
  // The written path, without the library/ docker adds to one-component Docker Hub names.
  const path = first === parsed.domain ? trimmed.slice(slash + 1) : trimmed;
  return { kind: "namespace", domain: parsed.domain, path };
}

function formatTrustedScope(scope: TrustedScope): string {
  return scope.kind === "domain" ? scope.domain : `${scope.domain}/${scope.path}`;
}

/** Whether a user's trusted scope includes a repository (an image name is read as its repository). */
export function scopeIncludes(trustedScope: string, repository: string): boolean {
  const scope = parseTrustedScope(trustedScope);
  const target = repositoryOf(repository);
  if (scope === null || target === null || scope.domain !== target.domain) return false;
  return scope.kind === "domain" || target.path === scope.path || target.path.startsWith(`${scope.path}/`);
}

/**
 * Whether a proven claim covers a repository: a repository claim that very repository, a domain
 * claim every repository whose registry is exactly that host (and port).
 */
export function claimCovers(location: ClaimLocation, repository: string): boolean {
  const target = repositoryOf(repository);
  if (target === null) return false;
  return location.kind === "repository" ? location.scope === target.repository : location.scope === target.domain;
}

/** A trusted scope as stored and compared: parseTrustedScope then formatTrustedScope; null when not a scope. */
export function normalizeScope(text: string): string | null {
  const scope = parseTrustedScope(text);
  return scope === null ? null : formatTrustedScope(scope);
}
