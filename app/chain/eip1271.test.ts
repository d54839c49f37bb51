// An organisation as publisher: a 2-of-3 multisig wallet (contracts/test/MultisigWallet.sol,
// EIP-1271) signs releases through its owners, revokes through them, and authorises a CI key.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { type Address, createWalletClient, encodeFunctionData, http, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { simulateContract } from "viem/actions";
import { itemAt } from "../image/util/itemAt.ts";
import { getRelease } from "./actions/getRelease.ts";
import { signRelease } from "./actions/signRelease.ts";
import { submitSignedRelease } from "./actions/submitSignedRelease.ts";
import { toAppError } from "./errors.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { ReleaseInput } from "./release.ts";
import { releaseInputToChain } from "./releaseInput.ts";
import {
  parseSignedRelease,
  SIGNED_RELEASE_FORMAT,
  SIGNED_RELEASE_VERSION,
  type SignedRelease,
  serializeSignedRelease,
} from "./signedRelease.ts";
import { signedReleaseDigest } from "./signerSignature.ts";
import { failure, problemOf } from "./test/appFailure.ts";
import { deployMultisigWallet, multisigExecute, multisigSignature } from "./test/multisigWallet.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";
import { validateSignedRelease } from "./validateSignedRelease.ts";

// Fixed keys, so a failing run replays exactly.
const owners = [
  privateKeyToAccount("0x6c1d0b1f4e2a1f0b5c8b1a7e0a9d3c2b4e5f60718293a4b5c6d7e8f90a1b2c3d"),
  privateKeyToAccount("0x2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635241302f1e0d9c8b7a"),
  privateKeyToAccount("0x5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b"),
] as const;
const ciKey = privateKeyToAccount("0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

describe("a multisig wallet (EIP-1271) as publisher", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const submitter = { publicClient, walletClient: chain.wallet(1) };
  const bob = itemAt(chain.accounts, 1);
  const wallet = await deployMultisigWallet(
    chain,
    owners.map((owner) => owner.address),
    2n,
  );
  const inAnHour = async () => (await publicClient.getBlock()).timestamp + 3600n;
  const nonceOf = (publisher: Address) =>
    publicClient.readContract({ address: registry, abi: imageRegistryAbi, functionName: "nonces", args: [publisher] });

  /** The file for a release by the wallet, signed by these owners. */
  async function walletSigned(
    input: ReleaseInput,
    signers: readonly (typeof owners)[number][],
  ): Promise<SignedRelease> {
    const unsigned: SignedRelease = {
      format: SIGNED_RELEASE_FORMAT,
      version: SIGNED_RELEASE_VERSION,
      chainId: 31337,
      registry,
      publisher: wallet,
      signer: wallet,
      release: input,
      nonce: await nonceOf(wallet),
      deadline: await inAnHour(),
      signature: "0x00",
    };
    return { ...unsigned, signature: await multisigSignature(chain, wallet, signedReleaseDigest(unsigned), signers) };
  }

  test("two owners' signatures: the file validates, and anyone's submission records a release by the wallet", async () => {
    const input = imageRelease("ghcr.io/acme/api:1.0", "multisig api 1.0");
    const signed = parseSignedRelease(serializeSignedRelease(await walletSigned(input, [owners[2], owners[0]])));
    assert.equal(signed.signature.length, 2 + 2 * 130, "two 65-byte owner signatures");
    await validateSignedRelease(publicClient, registry, signed);
    const outcome = await submitSignedRelease(submitter, registry, signed);
    const release = await getRelease(publicClient, registry, itemAt(outcome.releaseIds, 0));
    assert.deepEqual(
      [release.publisher, release.signer, release.valid, release.name, release.imageId],
      [wallet, null, true, input.name, input.imageId],
    );
    assert.equal(outcome.receipt.from.toLowerCase(), bob.toLowerCase());
  });

  test("one owner's signature alone is refused: by validateSignedRelease before the wallet opens, and by the contract", async () => {
    const signed = await walletSigned(imageRelease("ghcr.io/acme/api:1.1", "multisig api 1.1"), [owners[1]]);
    const refused = await failure(validateSignedRelease(publicClient, registry, signed));
    assert.equal(problemOf(refused), "bad-signature");
    assert.equal(
      refused.message,
      `The contract account ${wallet} did not accept the signature for this release, nonce and deadline (EIP-1271): not enough of its owners signed, or the file was edited after signing. Ask its owners to sign this exact release.`,
    );
    const statuses: string[] = [];
    assert.equal(
      problemOf(
        await failure(submitSignedRelease(submitter, registry, signed, { onPhase: (p) => statuses.push(p.status) })),
      ),
      "bad-signature",
    );
    assert.deepEqual(statuses, ["simulating", "failed"]);
    const direct = await simulateContract(publicClient, {
      address: registry,
      abi: imageRegistryAbi,
      functionName: "publishBySig",
      args: [
        signed.publisher,
        signed.signer,
        releaseInputToChain(signed.release),
        signed.nonce,
        signed.deadline,
        signed.signature,
      ],
      account: bob,
    }).then(
      () => assert.fail("publishBySig accepted one owner of two"),
      (error: unknown) => toAppError(error),
    );
    assert.ok(direct.kind === "contract-revert");
    assert.deepEqual(direct.revert, { errorName: "ImageRegistryInvalidContractSignature", args: [wallet] });
    assert.equal(
      direct.message,
      `The contract account ${wallet} did not accept the signature (EIP-1271 isValidSignature). Its owners must sign this exact release, in the form the account expects (e.g. enough owners' signatures).`,
    );
  });

  test("two owners' signatures of another release, or made for another wallet, do not pass", async () => {
    const signed = await walletSigned(imageRelease("ghcr.io/acme/api:1.2", "multisig api 1.2"), [owners[0], owners[1]]);
    const edited = { ...signed, release: { ...signed.release, name: "ghcr.io/acme/api:1.3" } };
    assert.equal(problemOf(await failure(validateSignedRelease(publicClient, registry, edited))), "bad-signature");
    const twin = await deployMultisigWallet(
      chain,
      owners.map((owner) => owner.address),
      2n,
    );
    const forTwin = { ...signed, publisher: twin, signer: twin };
    assert.equal(problemOf(await failure(validateSignedRelease(publicClient, registry, forTwin))), "bad-signature");
  });

  test("the wallet revokes through its owners: the revocation voids every file signed before it", async () => {
    const input = imageRelease("ghcr.io/acme/api:2.0", "multisig api 2.0");
    const published = await submitSignedRelease(submitter, registry, await walletSigned(input, [owners[0], owners[1]]));
    const pending = await walletSigned(imageRelease("ghcr.io/acme/api:2.1", "multisig api 2.1"), [
      owners[0],
      owners[2],
    ]);
    const nonce = await nonceOf(wallet);
    const id = itemAt(published.releaseIds, 0);
    await multisigExecute(
      chain,
      wallet,
      registry,
      encodeFunctionData({ abi: imageRegistryAbi, functionName: "revoke", args: [id, "key leak"] }),
      [owners[1], owners[2]],
    );
    assert.equal((await getRelease(publicClient, registry, id)).valid, false);
    const stale = await failure(validateSignedRelease(publicClient, registry, pending));
    assert.equal(problemOf(stale), "stale-nonce");
    assert.match(stale.message, new RegExp(`\\(nonce ${nonce}, now ${nonce + 1n}\\)`));
  });

  test("the wallet authorises a CI key for its prefix: the key signs for the wallet, and the release records both", async () => {
    const expiresAt = (await inAnHour()) + 86_400n;
    await multisigExecute(
      chain,
      wallet,
      registry,
      encodeFunctionData({
        abi: imageRegistryAbi,
        functionName: "authorizeDelegate",
        args: [ciKey.address, "ghcr.io/acme/", expiresAt],
      }),
      [owners[0], owners[2]],
    );
    const ci = {
      publicClient,
      walletClient: createWalletClient({
        chain: chain.chain,
        transport: http(chain.url),
        account: ciKey,
      }) as WalletClient,
    };
    const input = imageRelease("ghcr.io/acme/worker:7", "ci worker 7");
    const signed = await signRelease(ci, registry, input, await inAnHour(), { publisher: wallet });
    assert.deepEqual([signed.publisher, signed.signer, signed.nonce], [wallet, ciKey.address, await nonceOf(wallet)]);
    const { releases } = await submitSignedRelease(
      submitter,
      registry,
      parseSignedRelease(serializeSignedRelease(signed)),
    );
    assert.deepEqual(
      releases.map((r) => [r.publisher, r.signer, r.valid, r.name]),
      [[wallet, ciKey.address, true, input.name]],
    );
  });
});
