// The site's routes live in the URL's hash (`#/publisher/0x…`), so every page can be
// linked and reloaded from any static host, under any sub-path, with no server rules.
export type Route =
  | { page: "verify" }
  | { page: "publish" }
  /** `address: null` is the page that asks which publisher to show. */
  | { page: "publisher"; address: string | null }
  | { page: "release"; chainId: number; id: bigint }
  | { page: "digest"; digest: string }
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
  const segments = pathPart.split("/").filter(Boolean).map(decodeURIComponent);
  return { route: toRoute(segments), params: new URLSearchParams(query) };
}

function toRoute(segments: string[]): Route {
  const [first, second, third] = segments;
  if (first === undefined) return { page: "verify" };
  if (first === "publish" && second === undefined) return { page: "publish" };
  if (first === "trust" && second === undefined) return { page: "trust" };
  if (first === "publisher" && third === undefined) return { page: "publisher", address: second ?? null };
  if (first === "digest" && second !== undefined && third === undefined) return { page: "digest", digest: second };
  if (
    first === "release" &&
    second !== undefined &&
    third !== undefined &&
    /^\d+$/.test(second) &&
    /^\d+$/.test(third)
  ) {
    return { page: "release", chainId: Number(second), id: BigInt(third) };
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
    case "publisher":
      return route.address === null ? "/publisher" : `/publisher/${route.address}`;
    case "digest":
      return `/digest/${encodeURIComponent(route.digest)}`;
    case "release":
      return `/release/${route.chainId}/${route.id}`;
    case "not-found":
      return route.path;
  }
}
