import type { ReactNode } from "react";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useNoNetwork } from "../../ui/noNetwork.ts";
import { ReleaseCard } from "../../ui/ReleaseCard.tsx";
import { PublisherName } from "./PublisherName.tsx";
import { useRevocationRead } from "./useRevocationRead.ts";
import { whyNotCounted } from "./whyNotCounted.ts";

/**
 * A release's card with what the chain says around it: the publisher's ENS name, why a
 * delegated release no longer counts (`delegation`, when the page read it) and, with
 * `readRevocation`, when and why it was revoked (read here, unless the page must stay off the
 * network). Lists anyone can add to leave it unread (a stranger's revoked releases would cost
 * a log search each), and so does a verdict, whose own sentence says why.
 */
export function ChainReleaseCard({
  release,
  registryChain,
  delegation,
  readRevocation = false,
  headingLevel,
  children,
}: {
  release: Release;
  registryChain: RegistryChain;
  delegation?: Delegation | null;
  readRevocation?: boolean;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const noNetwork = useNoNetwork();
  const read = useRevocationRead(registryChain, release, readRevocation && !noNetwork);
  return (
    <ReleaseCard
      release={release}
      chain={registryChain.chain}
      publisher={<PublisherName address={release.publisher} chainId={release.chainId} />}
      notCounted={whyNotCounted(release, delegation)}
      revocation={read}
      headingLevel={headingLevel}
    >
      {children}
    </ReleaseCard>
  );
}
