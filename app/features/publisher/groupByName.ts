import type { Release } from "../../chain/release.ts";

interface NameGroup {
  name: string;
  /** Newest first, as the registry lists them. */
  releases: Release[];
}

/** A publisher's releases (newest first) grouped by name; the most recently published name first. */
export function groupByName(releases: readonly Release[]): NameGroup[] {
  const groups = new Map<string, Release[]>();
  for (const release of releases) groups.set(release.name, [...(groups.get(release.name) ?? []), release]);
  return [...groups].map(([name, list]) => ({ name, releases: list }));
}
