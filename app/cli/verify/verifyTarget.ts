// What `imageseal verify <argument>` (and publish) is about: a file on disk, or an image
// reference on a registry. An argument that names an existing path is a file; one that does
// not and parses as a reference is a reference; `--reference` says so outright (for a
// reference that is also a file's name in the current directory, e.g. "nginx"). Anything
// else stays a file, so a mistyped path says "cannot open …" as before.
import { statSync } from "node:fs";
import { type ImageReference, parseImageReference } from "../../registry/reference.ts";

export type VerifyTarget = { kind: "file"; path: string } | { kind: "reference"; reference: ImageReference };

/**
 * Names that are a mistyped file far more often than an image ("app.tar" parses as
 * docker.io/library/app.tar): without a registry host in front they stay files.
 */
const FILE_LIKE = /\.(tar|tgz|gz|zst|xz|bz2|json|oci)$/i;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Throws RegistryError "bad-reference" only with `forceReference`. */
export function classifyTarget(
  argument: string,
  forceReference: boolean,
  pathExists: (path: string) => boolean = exists,
): VerifyTarget {
  if (forceReference) return { kind: "reference", reference: parseImageReference(argument) };
  if (pathExists(argument)) return { kind: "file", path: argument };
  let reference: ImageReference;
  try {
    reference = parseImageReference(argument);
  } catch {
    return { kind: "file", path: argument };
  }
  const first = argument.split("/")[0] ?? "";
  const explicitRegistry = argument.includes("/") && (/[.:]/.test(first) || first === "localhost");
  if (!explicitRegistry && FILE_LIKE.test(argument)) return { kind: "file", path: argument };
  return { kind: "reference", reference };
}
