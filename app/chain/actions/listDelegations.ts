import {
  type Address,
  encodeEventTopics,
  formatLog,
  getAddress,
  type Hash,
  type Log,
  numberToHex,
  parseEventLogs,
  type RpcLog,
} from "viem";
import { getBlockNumber } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { mapLimit, RPC_CONCURRENCY } from "../mapLimit.ts";
import type { ReadClient } from "../readClient.ts";
import { deployedOnBlockOf, type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { type ScanGap, type ScanOptions, scanRanges } from "../scanRanges.ts";
import { type Delegation, getDelegation } from "./getDelegation.ts";

type DelegationState = "active" | "expired" | "revoked";

/** One delegate key of a publisher: its state now (the `delegation` view) and where its logs are. */
export interface ListedDelegation extends Delegation {
  state: DelegationState;
  /** The block and transaction of its latest `DelegateAuthorized` log. */
  authorizedInBlock: bigint;
  authorizedInTransaction: Hash;
  /** The block and transaction of the `DelegateRevoked` log after that grant; null when not revoked. */
  revokedInBlock: bigint | null;
  revokedInTransaction: Hash | null;
}

interface DelegationListing {
  /** Every key the publisher ever authorised, latest grant first. */
  delegations: ListedDelegation[];
  fromBlock: bigint;
  toBlock: bigint;
  /** True only when every block from fromBlock to toBlock was scanned. */
  complete: boolean;
  /** Ranges that could not be read: keys authorised there are missing. */
  gaps: ScanGap[];
}

interface ListDelegationsOptions extends ScanOptions {
  /** Default: the registry's deployment block when the RegistryRef carries it, else 0. */
  fromBlock?: bigint;
  /** Default: the chain's head when the scan starts. */
  toBlock?: bigint;
}

function delegationState(delegation: Pick<Delegation, "active" | "revokedAt">): DelegationState {
  if (delegation.revokedAt !== null) return "revoked";
  return delegation.active ? "active" : "expired";
}

const DELEGATION_EVENTS = imageRegistryAbi.filter(
  (item) => item.type === "event" && (item.name === "DelegateAuthorized" || item.name === "DelegateRevoked"),
);

/**
 * Every delegate key `publisher` authorised, with its state now: the publisher's
 * `DelegateAuthorized` and `DelegateRevoked` logs (one OR filter on the event, the publisher as
 * topic 1, so the query's size does not depend on anyone else's keys), read in chunks that adapt
 * to the RPC's limits from the registry's deployment block (see scanRanges.ts), then the
 * `delegation` view of each key once.
 */
export async function listDelegations(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
  options: ListDelegationsOptions = {},
): Promise<DelegationListing> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const fromBlock = options.fromBlock ?? deployedOnBlockOf(registryRef);
      const toBlock = options.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
      const [authorized] = encodeEventTopics({
        abi: imageRegistryAbi,
        eventName: "DelegateAuthorized",
        args: { publisher },
      });
      const [revoked, publisherTopic] = encodeEventTopics({
        abi: imageRegistryAbi,
        eventName: "DelegateRevoked",
        args: { publisher },
      });
      const { items, gaps } = await scanRanges(
        { fromBlock, toBlock },
        async (chunk) => {
          // viem's getLogs filters by arguments only for one event; two events in one query need raw topics.
          const logs = await client.request({
            method: "eth_getLogs",
            params: [
              {
                address: registry,
                topics: [[authorized as Hash, revoked as Hash], publisherTopic as Hash],
                fromBlock: numberToHex(chunk.fromBlock),
                toBlock: numberToHex(chunk.toBlock),
              },
            ],
          });
          return parseEventLogs({
            abi: DELEGATION_EVENTS,
            logs: (logs as RpcLog[]).map((log) => formatLog(log) as Log),
            strict: true,
          });
        },
        options,
      );
      const ordered = [...items].sort((a, b) =>
        a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
      );
      const logsOf = new Map<
        Address,
        { authorized: (typeof ordered)[number] | null; revoked: (typeof ordered)[number] | null }
      >();
      for (const log of ordered) {
        if (getAddress(log.args.publisher) !== getAddress(publisher)) continue;
        const delegate = getAddress(log.args.delegate);
        const seen = logsOf.get(delegate) ?? { authorized: null, revoked: null };
        // A new grant clears an earlier revocation (the contract starts the delegation anew).
        logsOf.set(
          delegate,
          log.eventName === "DelegateAuthorized" ? { authorized: log, revoked: null } : { ...seen, revoked: log },
        );
      }
      const listed = await mapLimit(
        [...logsOf],
        RPC_CONCURRENCY,
        async ([delegate, logs]): Promise<ListedDelegation | null> => {
          const delegation = await getDelegation(client, registryRef, publisher, delegate);
          if (delegation === null || logs.authorized === null) return null;
          return {
            ...delegation,
            state: delegationState(delegation),
            authorizedInBlock: logs.authorized.blockNumber,
            authorizedInTransaction: logs.authorized.transactionHash,
            revokedInBlock: logs.revoked?.blockNumber ?? null,
            revokedInTransaction: logs.revoked?.transactionHash ?? null,
          };
        },
      );
      const delegations = listed
        .filter((entry) => entry !== null)
        .sort((a, b) =>
          a.authorizedInBlock === b.authorizedInBlock ? 0 : a.authorizedInBlock > b.authorizedInBlock ? -1 : 1,
        );
      return { delegations, fromBlock, toBlock, complete: gaps.length === 0, gaps };
    },
    { registry, chainId: client.chain?.id },
  );
}
