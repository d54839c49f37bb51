// The names an image's claims add up to. A bare ref.name like "2.0" (containerd writes the
// tag alone next to io.containerd.image.name) names no repository, so it stays a claim
// but is not listed as a name.
import type { ImageClaims } from "../report.ts";

function isFullReference(name: string): boolean {
  return name.includes("/") || name.includes(":") || name.includes("@");
}

export function claimedNames(claims: ImageClaims): string[] {
  const names = [...claims.containerdNames, ...claims.repoTags, ...claims.refNames.filter(isFullReference)];
  return [...new Set(names)];
}
