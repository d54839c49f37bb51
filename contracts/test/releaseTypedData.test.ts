import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { domainSeparator, getAddress } from "viem";

import {
  RELEASE_DOMAIN_NAME,
  RELEASE_DOMAIN_VERSION,
  releaseDigest,
  releaseDomain,
} from "../../app/chain/releaseTypedData.ts";
import { digestOf, imageDigests, NO_DIGEST, releaseInput } from "./helpers/digests.ts";
import { deployRegistry, NAME } from "./helpers/registry.ts";

describe("app/chain/releaseTypedData", async () => {
  const { viem, networkHelpers } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();

  async function deployed() {
    return deployRegistry(viem);
  }

  it("computes the digest the contract computes", async () => {
    const { registry, aliceAddress, bobAddress } = await networkHelpers.loadFixture(deployed);
    const releases = [
      releaseInput(NAME, imageDigests("1.4.2")),
      releaseInput("registry.example/équipe/api:1.0", [digestOf("c"), digestOf("m"), digestOf("i"), digestOf("a")]),
      releaseInput("downloads.example/cli.tar.gz", [NO_DIGEST, NO_DIGEST, NO_DIGEST, digestOf("archive")]),
    ];
    for (const [index, release] of releases.entries()) {
      const publisher = index % 2 === 0 ? aliceAddress : bobAddress;
      const nonce = BigInt(index);
      const deadline = 1_800_000_000n + BigInt(index);
      assert.equal(
        releaseDigest(chainId, registry.address, { publisher, ...release, nonce, deadline }),
        await registry.read.releaseDigest([publisher, release, nonce, deadline]),
      );
    }
  });

  it("describes the contract's EIP-712 domain", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    const domain = releaseDomain(chainId, registry.address);
    assert.equal(await registry.read.DOMAIN_SEPARATOR(), domainSeparator({ domain }));
    assert.deepEqual(await registry.read.eip712Domain(), [
      "0x0f",
      RELEASE_DOMAIN_NAME,
      RELEASE_DOMAIN_VERSION,
      BigInt(chainId),
      getAddress(registry.address),
      "0x0000000000000000000000000000000000000000000000000000000000000000",
      [],
    ]);
  });
});
