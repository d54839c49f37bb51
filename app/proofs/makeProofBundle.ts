// Makes a proof bundle online, at one block: it runs the offline verifier's own reads
// (RegistryState) against eth_getStorageAt at that block, records every word they touch, and
// asks the node for eth_getProof of exactly those words. So a bundle proves what its verifier
// will read — no more, no less — for the publishers, digests and names asked for.
import { type Address, getAbiItem, type Hex, numberToHex } from "viem";
import { getLogs } from "viem/actions";
import { getRevocation } from "../chain/actions/getRevocation.ts";
import { chainIdOf } from "../chain/chainIdOf.ts";
import { bytes32ToDigest, digestToBytes32 } from "../chain/digests.ts";
import { withAppErrors } from "../chain/errors.ts";
import { imageRegistryAbi } from "../chain/generated/imageRegistryAbi.ts";
import { mapLimit, RPC_CONCURRENCY } from "../chain/mapLimit.ts";
import type { ReadClient } from "../chain/readClient.ts";
import type { Digest } from "../image/digest.ts";
import { nameSpellings } from "../verdict/normalizeImageName.ts";
import type { RpcHeader } from "./blockHeader.ts";
import { BundleError } from "./bundleError.ts";
import {
  type BundledRelease,
  type BundledRevocation,
  PROOF_BUNDLE_FORMAT,
  PROOF_BUNDLE_VERSION,
  type ProofBundle,
  type ProvedWord,
  parseRpcHeader,
} from "./proofBundle.ts";
import { type ClaimDigests, RegistryState, type StoredRelease } from "./registryState.ts";

const publishedEvent = getAbiItem({ abi: imageRegistryAbi, name: "Published" });
/** Storage keys per eth_getProof call: public nodes cap the request size. */
const SLOTS_PER_PROOF = 100;

interface MakeProofBundleInput {
  client: ReadClient;
  registry: Address;
  publishers: readonly Address[];
  digests: readonly Digest[];
  /** Names whose history to include besides the found releases' own (every common spelling is added). */
  names?: readonly string[];
  /** The block to prove at; the latest when omitted. */
  blockNumber?: bigint;
}

interface RpcProof {
  accountProof: Hex[];
  storageProof: { key: Hex; value: Hex; proof: Hex[] }[];
}

async function readHeader(client: ReadClient, blockNumber: bigint | undefined): Promise<RpcHeader> {
  const block: unknown = await client.request({
    method: "eth_getBlockByNumber",
    params: [blockNumber === undefined ? "latest" : numberToHex(blockNumber), false],
  });
  if (block === null) throw new BundleError("malformed", `The node has no block ${blockNumber ?? "latest"}.`);
  // The same reading as a bundle file's header: only the fields the block hash covers are kept.
  return parseRpcHeader(block);
}

export async function makeProofBundle(input: MakeProofBundleInput): Promise<ProofBundle> {
  const { client, registry } = input;
  return withAppErrors(
    async () => {
      const header = await readHeader(client, input.blockNumber);
      const blockHex = header.number;
      const slots = new Map<string, Hex>();
      const state = new RegistryState(async (slot) => {
        slots.set(slot.toLowerCase(), slot);
        const value = await client.request({ method: "eth_getStorageAt", params: [registry, slot, blockHex] });
        return BigInt(value);
      });
      const now = Number(BigInt(header.timestamp));

      // The releases of the publishers naming the digests, then the history of every name they
      // (and the caller) use, in each common spelling: the verdict's "current release" check.
      const stored = new Map<bigint, StoredRelease>();
      const releases: BundledRelease[] = [];
      const take = async (ids: Iterable<bigint>) => {
        const fresh: StoredRelease[] = [];
        for (const id of ids) {
          if (stored.has(id)) continue;
          const release = await state.release(id);
          if (release === null) continue;
          await state.isValid(release, now);
          stored.set(id, release);
          fresh.push(release);
        }
        releases.push(...(await releaseContents(client, registry, fresh)));
      };
      const byDigest: bigint[] = [];
      for (const digest of input.digests) {
        await state.digestTotal(digestToBytes32(digest));
        for (const publisher of input.publishers)
          byDigest.push(...(await state.releaseIdsOf(publisher, digestToBytes32(digest))));
      }
      await take(byDigest);
      const names = new Set<string>([...(input.names ?? []), ...releases.map((r) => r.name)].flatMap(nameSpellings));
      const byName: bigint[] = [];
      for (const name of names)
        for (const publisher of input.publishers) byName.push(...(await state.nameReleaseIds(publisher, name)));
      await take(byName);
      for (const release of releases)
        await state.bindsClaim(release.publisher, release.id, release.name, claimDigests(release));

      const revocations: BundledRevocation[] = [];
      for (const release of [...stored.values()].filter((r) => r.revokedAt !== null)) {
        const revocation = await getRevocation(client, registry, release);
        if (revocation !== null)
          revocations.push({
            releaseId: revocation.releaseId,
            reason: revocation.reason,
            blockNumber: revocation.blockNumber,
            transactionHash: revocation.transactionHash,
          });
      }

      const [chainId, proofs] = await Promise.all([
        chainIdOf(client),
        proveSlots(client, registry, [...slots.values()], blockHex),
      ]);
      return {
        format: PROOF_BUNDLE_FORMAT,
        version: PROOF_BUNDLE_VERSION,
        chainId,
        registry,
        block: header,
        publishers: [...input.publishers],
        digests: [...input.digests],
        names: [...names],
        accountProof: proofs.accountProof,
        storage: proofs.storage,
        releases,
        revocations,
      };
    },
    { registry, chainId: client.chain?.id },
  );
}

export function claimDigests(
  release: Pick<BundledRelease, "imageId" | "manifestDigest" | "indexDigest" | "archiveDigest">,
): ClaimDigests {
  return [
    digestToBytes32(release.imageId),
    digestToBytes32(release.manifestDigest),
    digestToBytes32(release.indexDigest),
    digestToBytes32(release.archiveDigest),
  ];
}

/** Each release's name and digests from its Published log (one query per block, as hydrateReleases). */
async function releaseContents(
  client: ReadClient,
  registry: Address,
  releases: readonly StoredRelease[],
): Promise<BundledRelease[]> {
  const byBlock = new Map<bigint, bigint[]>();
  for (const release of releases)
    byBlock.set(release.blockNumber, [...(byBlock.get(release.blockNumber) ?? []), release.id]);
  const perBlock = await mapLimit([...byBlock], RPC_CONCURRENCY, ([blockNumber, ids]) =>
    getLogs(client, {
      address: registry,
      event: publishedEvent,
      args: { id: ids },
      fromBlock: blockNumber,
      toBlock: blockNumber,
      strict: true,
    }),
  );
  return perBlock.flat().map((log) => ({
    id: log.args.id,
    publisher: log.args.publisher,
    name: log.args.name,
    imageId: bytes32ToDigest(log.args.imageId),
    manifestDigest: bytes32ToDigest(log.args.manifestDigest),
    indexDigest: bytes32ToDigest(log.args.indexDigest),
    archiveDigest: bytes32ToDigest(log.args.archiveDigest),
    transactionHash: log.transactionHash,
  }));
}

async function proveSlots(
  client: ReadClient,
  registry: Address,
  slots: Hex[],
  blockHex: Hex,
): Promise<{ accountProof: Hex[]; storage: ProvedWord[] }> {
  const storage: ProvedWord[] = [];
  let accountProof: Hex[] = [];
  for (let start = 0; start === 0 || start < slots.length; start += SLOTS_PER_PROOF) {
    const chunk = slots.slice(start, start + SLOTS_PER_PROOF);
    const proof: RpcProof = await client.request({ method: "eth_getProof", params: [registry, chunk, blockHex] });
    accountProof = proof.accountProof;
    for (const [i, entry] of proof.storageProof.entries()) {
      const slot = chunk[i];
      if (slot === undefined) break;
      storage.push({ slot, value: entry.value, proof: entry.proof });
    }
  }
  return { accountProof, storage };
}
