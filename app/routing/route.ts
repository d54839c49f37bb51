// The site's routes live in the URL's hash (`#/publisher/0x…`), so every page can be
// linked and reloaded from any static host, under any sub-path, with no server rules.
import { formatReleaseId, parseReleaseId } from "../chain/releaseId.ts";

export type Route =
  | { page: "verify" }
  | { page: "publish" }
  /** `address: null` is the page that asks which publisher to show. */
  | { page: "publisher"; address: string | null }
  | { page: "release"; chainId: number; id: bigint }
  | { page: "digest"; digest: string }
  /** Every publisher of one exact name; the name is the `name` parameter (`#/name?name=…`). */
  | { page: "name" }
  | { page: "trust" }
  | { page: "not-found"; path: string };

export interface Location {
  route: Route;
  /** Query parameters after the hash path, e.g. `#/?publisher=0x…&name=…`. */
  params: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, "");
  const [pathPart = "", query = ""] = raw.split("?", 2);
  const parts = pathPart.split("/").filter(Boolean);
  const segments = decodeSegments(parts);
  // A malformed %-escape (an address typed or cut short) is a page that does not exist, not a crash.
  const route: Route = segments === null ? { page: "not-found", path: `/${parts.join("/")}` } : toRoute(segments);
  return { route, params: new URLSearchParams(query) };
}

function decodeSegments(parts: string[]): string[] | null {
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
}

function toRoute(segments: string[]): Route {
  const [first, second, third] = segments;
  if (first === undefined) return { page: "verify" };
  if (first === "publish" && second === undefined) return { page: "publish" };
  if (first === "trust" && second === undefined) return { page: "trust" };
  if (first === "name" && second === undefined) return { page: "name" };
  if (first === "publisher" && third === undefined) return { page: "publisher", address: second ?? null };
  if (first === "digest" && second !== undefined && third === undefined) return { page: "digest", digest: second };
  if (first === "release" && second !== undefined && third !== undefined && /^\d+$/.test(second)) {
    // Links write the readable id ("1-0"); the decimal one (4294967296) still opens the page.
    const id = parseReleaseId(third);
    if (id !== null) return { page: "release", chainId: Number(second), id };
  }
  return { page: "not-found", path: `/${segments.join("/")}` };
}

/** The hash URL of a route, for links and shareable addresses. */
export function routeHref(route: Route, params?: Record<string, string>): string {
  const query = params && Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
  return `#${routePath(route)}${query}`;
}

function routePath(route: Route): string {
  switch (route.page) {
    case "verify":
      return "/";
    case "publish":
      return "/publish";
    case "trust":
      return "/trust";
    case "name":
      return "/name";
    case "publisher":
      return route.address === null ? "/publisher" : `/publisher/${route.address}`;
    case "digest":
      return `/digest/${encodeURIComponent(route.digest)}`;
    case "release":
      return `/release/${route.chainId}/${formatReleaseId(route.id)}`;
    case "not-found":
      return route.path;
  }
}
