// ImageRegistry's lookups recomputed from raw storage words, through whatever supplies them:
// eth_getStorageAt at one block (to learn which words a bundle needs), or a proof bundle's
// proved words (offline). It mirrors the contract's views — releasesByPublisherAndDigest,
// getRelease with `valid`, delegation, the digest's count, the name's history — and adds what
// no view gives: whether storage binds a release to a claimed name and digests (the claim tags
// and the claim map the contract's duplicate check keeps), since names and digests live in
// event logs, which state proofs do not cover.
import { type Address, type Hex, keccak256, stringToBytes, zeroAddress } from "viem";
import {
  accountSlot,
  claimKeyOf,
  claimMapSlot,
  DIGEST_HEAD_IDS,
  decodeAccount,
  decodeAddress,
  decodeDelegation,
  decodeRecord,
  delegationSlot,
  digestHeadEntry,
  digestHeadSlot,
  headSequence,
  listCount,
  NAME_HEAD_SEQUENCES,
  nameHeadSlot,
  nameKeyOf,
  nameTailSlot,
  PUBLISHER_DIGEST_HEAD_SEQUENCES,
  publisherDigestHeadSlot,
  publisherDigestKeyOf,
  publisherDigestTailSlot,
  recordSlot,
  releaseIdOf,
  SEQUENCES_PER_WORD,
  sameDigestTag,
  sameNameTag,
  sequenceEntry,
  signerSlot,
  slotPlus,
} from "./registryLayout.ts";

/** Reads one storage word of the registry. */
type ReadWord = (slot: Hex) => Promise<bigint>;

export interface StoredRelease {
  id: bigint;
  publisher: Address;
  /** The delegate key that published it; null when the publisher did. */
  signer: Address | null;
  publishedAt: number;
  revokedAt: number | null;
  blockNumber: bigint;
}

interface StoredDelegation {
  namePrefix: string;
  since: bigint;
  expiresAt: number;
  revokedAt: number | null;
}

/** The four digests of a claim, in the contract's order; zero for a role the release leaves empty. */
export type ClaimDigests = readonly [Hex, Hex, Hex, Hex];

export class RegistryState {
  private readonly read: ReadWord;

  constructor(read: ReadWord) {
    this.read = read;
  }

  async nonce(publisher: Address): Promise<bigint> {
    return decodeAccount(await this.read(accountSlot(publisher))).nonce;
  }

  /** How many releases, by anyone, name the digest. */
  async digestTotal(digest: Hex): Promise<number> {
    return Number(listCount(await this.read(digestHeadSlot(digest))));
  }

  /** The ids of the publisher's releases naming the digest, newest first (releasesByPublisherAndDigest). */
  async releaseIdsOf(publisher: Address, digest: Hex): Promise<bigint[]> {
    const { number } = decodeAccount(await this.read(accountSlot(publisher)));
    if (number === 0n) return [];
    const digestHead = await this.read(digestHeadSlot(digest));
    const inHead = Math.min(Number(listCount(digestHead)), DIGEST_HEAD_IDS);
    const headIds: bigint[] = [];
    for (let position = inHead - 1; position >= 0; position--) {
      const id = digestHeadEntry(digestHead, position);
      if (id >> 32n === number) headIds.push(id);
    }
    const key = publisherDigestKeyOf(publisher, digest);
    const head = await this.read(publisherDigestHeadSlot(key));
    const sequences = await this.listSequences(head, PUBLISHER_DIGEST_HEAD_SEQUENCES, (index) =>
      publisherDigestTailSlot(key, index),
    );
    return [...sequences.reverse().map((sequence) => releaseIdOf(number, sequence)), ...headIds];
  }

  /** The ids of the publisher's releases under exactly `name`, newest first (releasesByName). */
  async nameReleaseIds(publisher: Address, name: string): Promise<bigint[]> {
    const { number } = decodeAccount(await this.read(accountSlot(publisher)));
    const nameKey = nameKeyOf(publisher, keccak256(stringToBytes(name)));
    const head = await this.read(nameHeadSlot(nameKey));
    const sequences = await this.listSequences(head, NAME_HEAD_SEQUENCES, (index) => nameTailSlot(nameKey, index));
    return sequences.reverse().map((sequence) => releaseIdOf(number, sequence));
  }

  /** The release's record; null when no release has this id. */
  async release(id: bigint): Promise<StoredRelease | null> {
    const record = await this.read(recordSlot(id));
    if (record === 0n) return null;
    const words = decodeRecord(record);
    const signer = decodeAddress(await this.read(signerSlot(id)));
    return {
      id,
      publisher: words.publisher,
      signer: signer === zeroAddress ? null : signer,
      publishedAt: Number(words.publishedAt),
      revokedAt: words.revokedAt === 0n ? null : Number(words.revokedAt),
      blockNumber: words.blockNumber,
    };
  }

  /** The publisher's grant to `delegate`; null when it never granted one. */
  async delegation(publisher: Address, delegate: Address): Promise<StoredDelegation | null> {
    const slot = delegationSlot(publisher, delegate);
    const words = decodeDelegation(await this.read(slot));
    if (words.expiresAt === 0n) return null;
    return {
      namePrefix: await this.readString(slotPlus(slot, 1n)),
      since: words.since,
      expiresAt: Number(words.expiresAt),
      revokedAt: words.revokedAt === 0n ? null : Number(words.revokedAt),
    };
  }

  /**
   * The contract's `valid` at a block of timestamp `now`: not revoked and, for a delegated
   * release, the grant it was published under still in force.
   */
  async isValid(release: StoredRelease, now: number): Promise<{ valid: boolean; delegation: StoredDelegation | null }> {
    if (release.signer === null) return { valid: release.revokedAt === null, delegation: null };
    const grant = await this.delegation(release.publisher, release.signer);
    const inForce =
      grant !== null && grant.revokedAt === null && now <= grant.expiresAt && grant.since <= release.blockNumber;
    return { valid: release.revokedAt === null && inForce, delegation: grant };
  }

  /**
   * Whether storage binds release `id` of `publisher` to exactly this name and these digests:
   * the anchor the contract's duplicate check keeps for every release (its name list's or one of
   * its digest lists' first entry with the claim's tag, or the claim map). A valid release always
   * has one; a claimed name or digest that differs breaks the tag (a 96-bit or longer match).
   */
  async bindsClaim(publisher: Address, id: bigint, name: string, digests: ClaimDigests): Promise<boolean> {
    const nameKey = nameKeyOf(publisher, keccak256(stringToBytes(name)));
    const claimKey = claimKeyOf(nameKey, digests);
    const nameHead = await this.read(nameHeadSlot(nameKey));
    if (listCount(nameHead) > 0n && sameNameTag(nameHead, claimKey) && headSequence(nameHead, 0) === (id & 0xffffffffn))
      return true;
    for (const digest of new Set(digests.filter((d) => BigInt(d) !== 0n))) {
      const head = await this.read(digestHeadSlot(digest));
      if (listCount(head) > 0n && sameDigestTag(head, claimKey) && digestHeadEntry(head, 0) === id) return true;
    }
    return (await this.read(claimMapSlot(claimKey))) === id;
  }

  /** A list's sequences in list order (oldest first): the head's, then its tail words'. */
  private async listSequences(head: bigint, inHead: number, tailSlot: (index: bigint) => Hex): Promise<bigint[]> {
    const count = Number(listCount(head));
    const sequences: bigint[] = [];
    for (let position = 0; position < Math.min(count, inHead); position++) sequences.push(headSequence(head, position));
    for (let tail = 0; tail * SEQUENCES_PER_WORD < count - inHead; tail++) {
      const word = await this.read(tailSlot(BigInt(tail)));
      for (let i = 0; i < SEQUENCES_PER_WORD && inHead + tail * SEQUENCES_PER_WORD + i < count; i++)
        sequences.push(sequenceEntry(word, i));
    }
    return sequences;
  }

  /** A Solidity `string` in storage: inline (under 32 bytes) or in the slots from keccak256(slot). */
  private async readString(slot: Hex): Promise<string> {
    const value = await this.read(slot);
    const bytes: number[] = [];
    if ((value & 1n) === 0n) {
      const length = Number((value & 0xffn) / 2n);
      for (let i = 0; i < length; i++) bytes.push(Number((value >> BigInt(8 * (31 - i))) & 0xffn));
    } else {
      const length = Number((value - 1n) / 2n);
      const data = keccak256(slot);
      for (let w = 0; w * 32 < length; w++) {
        const chunk = await this.read(slotPlus(data, BigInt(w)));
        for (let i = 0; i < 32 && w * 32 + i < length; i++) bytes.push(Number((chunk >> BigInt(8 * (31 - i))) & 0xffn));
      }
    }
    return new TextDecoder("utf-8", { fatal: false }).decode(Uint8Array.from(bytes));
  }
}
