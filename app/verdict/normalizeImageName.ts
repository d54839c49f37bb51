// Image names as Docker reads them, so that `nginx`, `docker.io/library/nginx` and
// `docker.io/library/nginx:latest` compare equal. Follows distribution/reference
// (ParseNormalizedNamed + TagNameOnly): the first path component is a registry only when it
// has a "." or ":" or is "localhost" (or holds upper case); otherwise the registry is
// docker.io, whose one-component names live under library/; index.docker.io is docker.io;
// a name with neither tag nor digest gets :latest; a digest reference keeps its digest (and
// gets no :latest). One deliberate difference: the registry is lower-cased (host names are
// case-insensitive), so GHCR.io/a/b and ghcr.io/a/b are one name.

interface ImageName {
  /** Registry host (lower case) with its port, e.g. "docker.io", "localhost:5000". */
  domain: string;
  /** Repository path, e.g. "library/nginx", "acme/api". */
  path: string;
  tag: string | null;
  /** e.g. "sha256:<64 hex>". */
  digest: string | null;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  const isDomain =
    slash !== -1 &&
    (first.includes(".") || first.includes(":") || first === "localhost" || first.toLowerCase() !== first);
  let domain = isDomain ? first.toLowerCase() : "docker.io";
  let path = isDomain ? name.slice(slash + 1) : name;
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !path.includes("/")) path = `library/${path}`;
  return { domain, path };
}

/** The parts of a Docker image reference; null when the text is not one. */
export function parseImageName(input: string): ImageName | null {
  let rest = input;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
    if (digest.startsWith("sha256:") && !/^sha256:[a-f0-9]{64}$/.test(digest)) return null;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  if (rest === "" || rest.length > NAME_TOTAL_LENGTH_MAX) return null;
  // Docker refuses a bare 64-hex name: it reads as an image id, not a repository.
  if (/^[a-f0-9]{64}$/.test(rest)) return null;
  const { domain, path } = splitDomain(rest);
  if (!DOMAIN.test(domain) || !path.split("/").every((component) => PATH_COMPONENT.test(component))) return null;
  return { domain, path, tag, digest };
}

export function formatImageName(name: ImageName): string {
  return `${name.domain}/${name.path}${name.tag === null ? "" : `:${name.tag}`}${name.digest === null ? "" : `@${name.digest}`}`;
}

// A verification compares every release and name claim against the names involved; with
// thousands of claims (anyone can publish any name) parsing each name at every comparison
// was quadratic. Parsing is pure, so each distinct name is parsed once; the memo is bounded
// (cleared when full) because a long-lived page sees ever new names.
const NORMALIZED_MEMO_LIMIT = 20_000;
const normalizedMemo = new Map<string, string | null>();

/** `nginx` → `docker.io/library/nginx:latest`; null when the text is not an image reference. */
export function normalizeImageName(input: string): string | null {
  const known = normalizedMemo.get(input);
  if (known !== undefined) return known;
  const parsed = parseImageName(input);
  const normalized =
    parsed === null
      ? null
      : formatImageName(parsed.tag === null && parsed.digest === null ? { ...parsed, tag: "latest" } : parsed);
  if (normalizedMemo.size >= NORMALIZED_MEMO_LIMIT) normalizedMemo.clear();
  normalizedMemo.set(input, normalized);
  return normalized;
}

/** The key names group by: the normalized name, or the text itself when it is not an image reference. */
export function imageNameKey(input: string): string {
  return normalizeImageName(input) ?? input;
}

/**
 * Whether two release names denote the same image name: equal once normalized, or equal
 * byte for byte when either is not an image reference (a plain file's release name).
 */
export function sameImageName(a: string, b: string): boolean {
  if (a === b) return true;
  const left = normalizeImageName(a);
  return left !== null && left === normalizeImageName(b);
}

/**
 * The spellings of a name people commonly publish (registry and library/ written or not,
 * :latest written or not), for exact-byte lookups such as log filters. Always includes the
 * input itself.
 */
export function nameSpellings(input: string): string[] {
  const parsed = parseImageName(input);
  if (parsed === null) return [input];
  const full = parsed.tag === null && parsed.digest === null ? { ...parsed, tag: "latest" } : parsed;
  const domains = full.domain === "docker.io" ? ["docker.io/", ""] : [`${full.domain}/`];
  const paths =
    full.domain === "docker.io" && full.path.startsWith("library/")
      ? [full.path, full.path.slice("library/".length)]
      : [full.path];
  const tags =
    full.tag === "latest" && full.digest === null ? [":latest", ""] : [full.tag === null ? "" : `:${full.tag}`];
  const digest = full.digest === null ? "" : `@${full.digest}`;
  const spellings = new Set([input]);
  for (const domain of domains)
    for (const path of paths) for (const tag of tags) spellings.add(`${domain}${path}${tag}${digest}`);
  return [...spellings];
}
