// What will be recorded, said in full before anything is signed or sent: the name as it will
// be stored, every digest, whose release it is and which key signs, the chain and the registry.
// Everything from the archive or a file is untrusted: the caller prints these lines through
// terminalLines, which escapes hidden characters.

import { type Address, type Chain, isAddressEqual } from "viem";
import { DIGEST_KINDS, type ReleaseInput } from "../../chain/release.ts";
import type { ArchiveReport } from "../../image/report.ts";

interface ReviewSubject {
  /** The archive or the signed-release file. */
  source: string;
  inputs: readonly ReleaseInput[];
  platforms: readonly (string | null)[];
  publisher: Address;
  /** The key that signs the release (the publisher itself, or its delegate key). */
  signer: Address;
  /** Who sends and pays, when not the signer (a submitted signed release). */
  sender?: Address;
  chain: Chain;
  registry: Address;
  /** Lines under "from": where a reference's digests were read (sourceOf). */
  origin?: readonly string[];
  /** Lines about a signature (nonce, deadline), for sign and submit. */
  extra?: readonly string[];
}

const label = (text: string) => text.padEnd(16);

export function reviewLines(subject: ReviewSubject): string[] {
  const { inputs, publisher, signer } = subject;
  const lines = [
    `  ${label("from")}${subject.source}`,
    ...(subject.origin ?? []).map((line) => `  ${line}`),
    `  ${label("name")}${inputs[0]?.name ?? ""}`,
  ];
  inputs.forEach((input, index) => {
    const platform = subject.platforms[index];
    if (inputs.length > 1) lines.push(`  release ${index + 1} of ${inputs.length}${platform ? ` (${platform})` : ""}`);
    else if (platform) lines.push(`  ${label("platform")}${platform}`);
    for (const kind of DIGEST_KINDS) {
      const digest = input[kind];
      if (digest !== null)
        lines.push(inputs.length > 1 ? `    ${kind.padEnd(14)}${digest}` : `  ${label(kind)}${digest}`);
    }
  });
  const delegated = !isAddressEqual(publisher, signer);
  lines.push(`  ${label("publisher")}${publisher}${delegated ? "" : " (the signing key)"}`);
  lines.push(
    `  ${label("signer")}${signer}${delegated ? " (a delegate key of the publisher: its delegation must be in force and cover the name)" : ""}`,
  );
  if (subject.sender !== undefined) lines.push(`  ${label("sent by")}${subject.sender} (pays the gas)`);
  lines.push(...(subject.extra ?? []).map((line) => `  ${line}`));
  lines.push(
    `  ${label("chain")}${subject.chain.name} (chain id ${subject.chain.id})`,
    `  ${label("registry")}${subject.registry}`,
  );
  return lines;
}

/**
 * Where the digests come from: the archive's name, or for a registry reference the reference,
 * what it resolved to, and how each digest was obtained (so a reviewer knows they were read
 * and checked, not typed in).
 */
export function sourceOf(
  fileName: string,
  report: Pick<ArchiveReport, "source" | "images">,
): Pick<ReviewSubject, "source" | "origin"> {
  const source = report.source;
  if (source === undefined) return { source: fileName };
  const layers = report.images.flatMap((image) => image.layers);
  const pulled = layers.length > 0 && layers.every((layer) => layer.status !== "not-pulled");
  return {
    source: `${source.reference} (registry)`,
    origin: [
      `${label("resolved to")}${source.digest}`,
      `${label("digests")}read from the registry: the sha256 of each manifest and config it served,`,
      `${label("")}checked; layers ${pulled ? "pulled and checked too" : "not pulled (--pull checks them)"}`,
    ],
  };
}
