// Image references as Docker reads them (the grammar of app/verdict/normalizeImageName.ts, which
// follows distribution/reference), and the registry URL a reference's domain is served from.
import { type Digest, isSha256Digest } from "../image/digest.ts";
import { formatImageName, parseImageName } from "../verdict/normalizeImageName.ts";
import { RegistryError } from "./errors.ts";

export interface ImageReference {
  /** As docker names it: "docker.io", "ghcr.io", "127.0.0.1:5055" (lower-cased host). */
  domain: string;
  /** Repository path: "library/nginx", "acme/api". */
  path: string;
  /** "latest" when neither tag nor digest was written. */
  tag: string | null;
  /** From "@sha256:…". */
  digest: Digest | null;
  /** domain/path: the repository, the unit claims and trust scopes talk about. */
  repository: string;
  /** Normalized full name: "docker.io/library/nginx:latest", "ghcr.io/a/b@sha256:…" (tag kept when both). */
  name: string;
}

/** A repository on a registry: what every registry request is about. */
export interface RepositoryRef {
  domain: string;
  path: string;
}

export function parseImageReference(text: string): ImageReference {
  const parsed = parseImageName(text.trim());
  if (parsed === null) {
    throw new RegistryError(
      "bad-reference",
      `"${text}" is not an image reference. Write it as docker does: nginx, ghcr.io/acme/api:1.4.2 or registry.example.com/team/app@sha256:<64 hex>.`,
    );
  }
  if (parsed.digest !== null && !isSha256Digest(parsed.digest)) {
    throw new RegistryError(
      "unsupported",
      `"${text}" names a ${parsed.digest.split(":")[0]} digest; only sha256 digests can be verified. Use the image's sha256 digest or a tag.`,
    );
  }
  const tag = parsed.tag === null && parsed.digest === null ? "latest" : parsed.tag;
  const digest = parsed.digest as Digest | null;
  return {
    domain: parsed.domain,
    path: parsed.path,
    tag,
    digest,
    repository: `${parsed.domain}/${parsed.path}`,
    name: formatImageName({ ...parsed, tag }),
  };
}

/** Hosts served over plain HTTP: only this machine (docker's default "insecure registries" are 127.0.0.0/8 too). */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/** Splits "host:port" / "[v6]:port" → host part. */
function hostOf(domain: string): string {
  if (domain.startsWith("[")) return domain.slice(0, domain.indexOf("]") + 1);
  const colon = domain.lastIndexOf(":");
  return colon === -1 ? domain : domain.slice(0, colon);
}

/** docker.io → https://registry-1.docker.io; loopback (any port) → http://…; else https://…. */
export function registryBaseUrl(domain: string): string {
  if (domain === "docker.io") return "https://registry-1.docker.io";
  return `${isLoopback(hostOf(domain).toLowerCase()) ? "http" : "https"}://${domain}`;
}
