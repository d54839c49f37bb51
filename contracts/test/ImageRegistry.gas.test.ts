// Gas bounds from real receipts. gasUsed is deterministic for a given chain state, so these are exact
// checks of the storage layout, not timings. Every figure also goes to the test output (the README's
// table comes from there and from `npx hardhat test --gas-stats`).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import hre, { network } from "hardhat";
import type { Hex } from "viem";
import { getAddress } from "viem";

import { releaseDigest, releaseTypedData } from "../../app/chain/releaseTypedData.ts";
import { digestOf, imageDigests, NO_DIGEST, releaseInput } from "./helpers/digests.ts";
import { ownerAccounts, walletSignature } from "./helpers/multisig.ts";
import { deployRegistry, releaseId } from "./helpers/registry.ts";
import { publisherAccount, strangerAccount } from "./helpers/signatures.ts";

/** The bounds: a publish with a 30-byte name, an imageId and a manifestDigest; a revoke. */
const PUBLISH_BOUND = 150_000n;
const REVOKE_BOUND = 50_000n;
/** A publisher's first claim, 32-byte location: four new words (list length, string length and its one data word, the times). */
const ADD_CLAIM_BOUND = 120_000n;
/** A typical claim location: a GHCR repository, 32 bytes (a string longer than 31 bytes takes two words). */
const CLAIM_LOCATION = "oci://ghcr.io/acme/api-gateway-2";
/** A delegate's scope as an organisation would set it (15 bytes: one storage word). */
const PREFIX = "docker.io/acme/";

/** `--coverage` runs instrumented bytecode, which costs more gas: its figures are not the contract's. */
const skip = hre.globalOptions.coverage ? "coverage instruments the bytecode; run `npx hardhat test` for gas" : false;

/** 30 bytes, the size the publish bound is stated for; `tag` tells names apart. */
function thirtyByteName(tag: string): string {
  const name = `docker.io/acme/service-${tag}:1.4.2`;
  assert.equal(new TextEncoder().encode(name).length, 30);
  return name;
}

describe("ImageRegistry gas", async () => {
  const { viem, networkHelpers } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();

  async function deployed() {
    return deployRegistry(viem);
  }

  /** A registry where alice has published once, so she is a known publisher. */
  async function withKnownPublisher() {
    const fixture = await deployRegistry(viem);
    await fixture.registry.write.publish([thirtyByteName("a"), ...imageDigests("a")], {
      account: fixture.alice.account,
    });
    return fixture;
  }

  async function gasOf(transaction: Promise<Hex>): Promise<bigint> {
    const publicClient = await viem.getPublicClient();
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await transaction });
    assert.equal(receipt.status, "success");
    return receipt.gasUsed;
  }

  it("publishes a 30-byte name with an imageId and a manifestDigest within 150,000 gas", { skip }, async (t) => {
    const { registry, alice } = await networkHelpers.loadFixture(deployed);
    const firstByNewPublisher = await gasOf(
      registry.write.publish([thirtyByteName("a"), ...imageDigests("a")], { account: alice.account }),
    );
    const typical = await gasOf(
      registry.write.publish([thirtyByteName("b"), ...imageDigests("b")], { account: alice.account }),
    );
    t.diagnostic(`publish, first release of a new publisher: ${firstByNewPublisher}`);
    t.diagnostic(`publish, known publisher, new name, new imageId and manifestDigest: ${typical}`);
    assert.ok(typical <= PUBLISH_BOUND, `typical publish used ${typical} gas`);
    assert.ok(firstByNewPublisher <= PUBLISH_BOUND, `a new publisher's first publish used ${firstByNewPublisher} gas`);
  });

  it("revokes within 50,000 gas", { skip }, async (t) => {
    const { registry, alice } = await networkHelpers.loadFixture(withKnownPublisher);
    const revoke = await gasOf(
      registry.write.revoke([releaseId(1n, 0n), "superseded by 1.4.3"], { account: alice.account }),
    );
    t.diagnostic(`revoke with a 19-byte reason: ${revoke}`);
    assert.ok(revoke <= REVOKE_BOUND, `revoke used ${revoke} gas`);
  });

  it("records a publisher's first claim within 120,000 gas", { skip }, async (t) => {
    const { registry, alice } = await networkHelpers.loadFixture(withKnownPublisher);
    assert.equal(new TextEncoder().encode(CLAIM_LOCATION).length, 32);
    const first = await gasOf(registry.write.addClaim([CLAIM_LOCATION], { account: alice.account }));
    const second = await gasOf(registry.write.addClaim(["https://acme.com"], { account: alice.account }));
    const longest = await gasOf(
      registry.write.addClaim([`oci://registry.acme.com/${"x".repeat(232)}`], { account: alice.account }),
    );
    const withdraw = await gasOf(registry.write.withdrawClaim([0n], { account: alice.account }));
    t.diagnostic(`addClaim, the publisher's first claim (32-byte location): ${first}`);
    t.diagnostic(`addClaim, a second claim (16-byte location): ${second}`);
    t.diagnostic(`addClaim, 256-byte location: ${longest}`);
    t.diagnostic(`withdrawClaim: ${withdraw}`);
    assert.ok(first <= ADD_CLAIM_BOUND, `a first addClaim used ${first} gas`);
  });

  it("reports the cost of the other publish paths", { skip }, async (t) => {
    const { registry, alice, bob } = await networkHelpers.loadFixture(withKnownPublisher);
    // A multi-platform image: one name and one indexDigest, one release per platform. The index list
    // opens its first tail word at the 3rd platform, the name list at the 4th.
    const indexDigest = digestOf("index");
    for (const platform of [1, 2, 3, 4, 5]) {
      const gas = await gasOf(
        registry.write.publish(
          [
            thirtyByteName("m"),
            digestOf(`p${platform} config`),
            digestOf(`p${platform} manifest`),
            indexDigest,
            NO_DIGEST,
          ],
          { account: alice.account },
        ),
      );
      t.diagnostic(`publish, platform ${platform} of a multi-platform image: ${gas}`);
    }
    const sameImageOtherName = await gasOf(
      registry.write.publish([thirtyByteName("l"), ...imageDigests("a")], { account: alice.account }),
    );
    t.diagnostic(`publish, the same image under a second name: ${sameImageOtherName}`);
    const longName = await gasOf(
      registry.write.publish([`docker.io/acme/${"x".repeat(236)}:1.0`, ...imageDigests("long")], {
        account: alice.account,
      }),
    );
    t.diagnostic(`publish, 255-byte name: ${longName}`);
    const batch = await gasOf(
      registry.write.publishBatch(
        [[releaseInput(thirtyByteName("c"), imageDigests("c")), releaseInput(thirtyByteName("d"), imageDigests("d"))]],
        { account: alice.account },
      ),
    );
    t.diagnostic(`publishBatch of 2 (known publisher, new names and digests): ${batch}`);

    const deadline = (await (await viem.getPublicClient()).getBlock()).timestamp + 3600n;
    const signed = async (tag: string) => {
      const release = releaseInput(thirtyByteName(tag), imageDigests(tag));
      const publisher = publisherAccount.address;
      const message = { publisher, ...release, nonce: 0n, deadline };
      const signature = await publisherAccount.signTypedData(releaseTypedData(chainId, registry.address, message));
      return gasOf(
        registry.write.publishBySig([publisher, publisher, release, 0n, deadline, signature], { account: bob.account }),
      );
    };
    t.diagnostic(`publishBySig, first release of a new publisher: ${await signed("e")}`);
    t.diagnostic(`publishBySig, known publisher: ${await signed("f")}`);
  });

  it("reports the cost of delegation, nonces and an EIP-1271 wallet", { skip }, async (t) => {
    const { registry, alice, aliceAddress, bob, carol } = await networkHelpers.loadFixture(withKnownPublisher);
    const publicClient = await viem.getPublicClient();
    const now = (await publicClient.getBlock()).timestamp;
    const [deadline, expiresAt] = [now + 3600n, now + 30n * 86_400n];
    const carolAddress = getAddress(carol.account.address);

    const authorizeNew = await gasOf(
      registry.write.authorizeDelegate([carolAddress, PREFIX, expiresAt], { account: alice.account }),
    );
    t.diagnostic(`authorizeDelegate, new delegate (15-byte prefix): ${authorizeNew}`);
    const renewal = await gasOf(
      registry.write.authorizeDelegate([carolAddress, PREFIX, expiresAt + 86_400n], { account: alice.account }),
    );
    t.diagnostic(`authorizeDelegate, renewal of a delegation in force (same prefix): ${renewal}`);

    const publishFor = await gasOf(
      registry.write.publishFor([aliceAddress, [releaseInput(thirtyByteName("g"), imageDigests("g"))]], {
        account: carol.account,
      }),
    );
    t.diagnostic(`publishFor, 1 release (known publisher, new name and digests): ${publishFor}`);

    // A delegate key that never pays gas: it signs for alice, bob submits.
    await registry.write.authorizeDelegate([strangerAccount.address, PREFIX, expiresAt], { account: alice.account });
    const delegated = releaseInput(thirtyByteName("h"), imageDigests("h"));
    const delegateSignature = await strangerAccount.signTypedData(
      releaseTypedData(chainId, registry.address, { publisher: aliceAddress, ...delegated, nonce: 0n, deadline }),
    );
    const byDelegate = await gasOf(
      registry.write.publishBySig([aliceAddress, strangerAccount.address, delegated, 0n, deadline, delegateSignature], {
        account: bob.account,
      }),
    );
    t.diagnostic(`publishBySig by a delegate key (known publisher): ${byDelegate}`);

    const revokeDelegate = await gasOf(registry.write.revokeDelegate([carolAddress], { account: alice.account }));
    t.diagnostic(`revokeDelegate: ${revokeDelegate}`);
    const invalidate = await gasOf(registry.write.invalidateNonces([5n], { account: alice.account }));
    t.diagnostic(`invalidateNonces: ${invalidate}`);

    const wallet = await viem.deployContract("MultisigWallet", [ownerAccounts.map((owner) => owner.address), 2n]);
    const byWallet = async (tag: string) => {
      const release = releaseInput(thirtyByteName(tag), imageDigests(tag));
      const message = { publisher: wallet.address, ...release, nonce: 0n, deadline };
      const signature = await walletSignature(
        ownerAccounts.slice(0, 2),
        wallet.address,
        chainId,
        releaseDigest(chainId, registry.address, message),
      );
      return gasOf(
        registry.write.publishBySig([wallet.address, wallet.address, release, 0n, deadline, signature], {
          account: bob.account,
        }),
      );
    };
    t.diagnostic(`publishBySig by a 2-of-3 multisig wallet (EIP-1271), its first release: ${await byWallet("i")}`);
    t.diagnostic(`publishBySig by a 2-of-3 multisig wallet (EIP-1271), known publisher: ${await byWallet("j")}`);
  });
});
