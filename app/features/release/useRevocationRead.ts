import { useQuery } from "@tanstack/react-query";
import { revocationQuery } from "../../chain/queries/releaseQueries.ts";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { RevocationRead } from "../../ui/RevokedFacts.tsx";

/**
 * Why a release was revoked: the reason lives only in its `Revoked` log, read here when the
 * release is revoked and `enabled`; undefined when not read (not revoked, or no network).
 */
export function useRevocationRead(
  registryChain: RegistryChain,
  release: Release,
  enabled: boolean,
): RevocationRead | undefined {
  const read = enabled && release.revokedAt !== null;
  const revocation = useQuery({ ...revocationQuery(registryChain, release), enabled: read });
  if (!read) return undefined;
  if (revocation.isPending) return { status: "reading" };
  if (revocation.isError) return { status: "unreadable", message: revocation.error.message };
  return { status: "read", revocation: revocation.data };
}
