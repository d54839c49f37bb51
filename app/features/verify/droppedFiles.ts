// Files chosen or dropped together on the Verify page: at most one archive (any file), at most
// one proof bundle and at most one signed-release file. Bundles and signed releases are
// recognised by their contents, not their names (the CLI writes whatever -o says), from the
// first bytes only, so a large archive is never read here.
import { SIGNED_RELEASE_FORMAT } from "../../chain/signedRelease.ts";
import { PROOF_BUNDLE_FORMAT } from "../../proofs/proofBundle.ts";

/** How much of a file to look at: serializeProofBundle writes "format" first. */
const SNIFF_BYTES = 512;
/** No honest bundle comes near this; a bigger file is an archive, whatever it starts with. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

const headOf = (format: string) => new RegExp(`^\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${format}"`);
const BUNDLE_HEAD = headOf(PROOF_BUNDLE_FORMAT);
const SIGNED_RELEASE_HEAD = headOf(SIGNED_RELEASE_FORMAT);

/** Whether a file's first bytes open a JSON object whose first member is the proof-bundle format. */
export function looksLikeProofBundle(head: string): boolean {
  return BUNDLE_HEAD.test(head);
}

/** Whether a file's first bytes open a signed-release file (serializeSignedRelease writes "format" first). */
function looksLikeSignedRelease(head: string): boolean {
  return SIGNED_RELEASE_HEAD.test(head);
}

export interface DroppedBundle {
  fileName: string;
  text: string;
}

interface DroppedFiles {
  archive: File | null;
  bundle: DroppedBundle | null;
  /** A signed-release file (same shape: its name and text). */
  signedRelease: DroppedBundle | null;
}

async function kindOf(file: Blob): Promise<"bundle" | "signed-release" | "archive"> {
  if (file.size > MAX_BUNDLE_BYTES) return "archive";
  const head = await file.slice(0, SNIFF_BYTES).text();
  return looksLikeProofBundle(head) ? "bundle" : looksLikeSignedRelease(head) ? "signed-release" : "archive";
}

/** The first archive, bundle and signed release among `files` (any further ones are ignored). */
export async function sortDroppedFiles(files: readonly File[]): Promise<DroppedFiles> {
  let archive: File | null = null;
  let bundle: DroppedBundle | null = null;
  let signedRelease: DroppedBundle | null = null;
  for (const file of files) {
    const kind = await kindOf(file);
    if (kind === "bundle") bundle ??= { fileName: file.name, text: await file.text() };
    else if (kind === "signed-release") signedRelease ??= { fileName: file.name, text: await file.text() };
    else archive ??= file;
  }
  return { archive, bundle, signedRelease };
}
