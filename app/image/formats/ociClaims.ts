// Names an OCI index's annotations claim for the images below a descriptor.
import type { ImageClaims } from "../report.ts";
import { emptyClaims } from "./imagePlan.ts";
import { CONTAINERD_NAME_ANNOTATION, REF_NAME_ANNOTATION } from "./mediaTypes.ts";

export function claimsFrom(annotations: Record<string, string>): ImageClaims {
  const claims = emptyClaims();
  const refName = annotations[REF_NAME_ANNOTATION];
  const containerdName = annotations[CONTAINERD_NAME_ANNOTATION];
  if (refName) claims.refNames.push(refName);
  if (containerdName) claims.containerdNames.push(containerdName);
  return claims;
}

export function mergeClaims(into: ImageClaims, from: ImageClaims): void {
  for (const key of ["repoTags", "refNames", "containerdNames"] as const) {
    for (const name of from[key]) if (!into[key].includes(name)) into[key].push(name);
  }
}

export function copyClaims(claims: ImageClaims): ImageClaims {
  return {
    repoTags: [...claims.repoTags],
    refNames: [...claims.refNames],
    containerdNames: [...claims.containerdNames],
  };
}
