// A delegate key signs releases for its publisher, within its grant only: the prefix, the
// expiry and the revocation are checked before the wallet opens, in the contract's order.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createWalletClient, http, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { itemAt } from "../image/util/itemAt.ts";
import { getReleasesByPublisher } from "./actions/getReleasesByPublisher.ts";
import { signRelease } from "./actions/signRelease.ts";
import { submitSignedRelease } from "./actions/submitSignedRelease.ts";
import { formatUnixTime } from "./formatTime.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { releaseMessage, releaseTypedData } from "./releaseTypedData.ts";
import type { SignedRelease } from "./signedRelease.ts";
import { failure, problemOf } from "./test/appFailure.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";
import { writeRegistry } from "./test/writeRegistry.ts";
import { validateSignedRelease } from "./validateSignedRelease.ts";

const ciKey = privateKeyToAccount("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

describe("signed releases by a delegate key", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, testClient } = chain;
  const acme = itemAt(chain.accounts, 0);
  const ci = {
    publicClient,
    walletClient: createWalletClient({
      chain: chain.chain,
      transport: http(chain.url),
      account: ciKey,
    }) as WalletClient,
  };
  const submitter = { publicClient, walletClient: chain.wallet(1) };
  const now = async () => (await publicClient.getBlock()).timestamp;
  /** What a key could sign without the app's checks: the file for `name`, signed by the CI key for acme. */
  const forged = async (name: string): Promise<SignedRelease> => {
    const doc: SignedRelease = {
      format: "imageseal/signed-release",
      version: 2,
      chainId: 31337,
      registry,
      publisher: acme,
      signer: ciKey.address,
      release: imageRelease(name, name),
      nonce: await publicClient.readContract({
        address: registry,
        abi: imageRegistryAbi,
        functionName: "nonces",
        args: [acme],
      }),
      deadline: (await now()) + 3600n,
      signature: "0x00",
    };
    return {
      ...doc,
      signature: await ciKey.signTypedData(
        releaseTypedData(doc.chainId, registry, releaseMessage(acme, doc.release, doc.nonce, doc.deadline)),
      ),
    };
  };

  test("without a grant: refused before the wallet opens (not-delegate)", async () => {
    const error = await failure(
      signRelease(ci, registry, imageRelease("ghcr.io/acme/api:1", "api 1"), (await now()) + 3600n, {
        publisher: acme,
      }),
    );
    assert.equal(problemOf(error), "not-delegate");
    assert.equal(
      error.message,
      `${ciKey.address} signed this release for ${acme}, but ${acme} has not authorised ${ciKey.address} to publish on its behalf. Ask the publisher to authorise that key, or to sign the release itself.`,
    );
    assert.equal(
      problemOf(await failure(validateSignedRelease(publicClient, registry, await forged("ghcr.io/acme/api:1")))),
      "not-delegate",
    );
  });

  test("within the grant's prefix: signed, submitted by anyone, recorded with publisher and signer; outside it: refused", async () => {
    await writeRegistry(chain, 0, "authorizeDelegate", [ciKey.address, "ghcr.io/acme/", (await now()) + 86_400n]);
    const input = imageRelease("ghcr.io/acme/api:2", "api 2");
    const signed = await signRelease(ci, registry, input, (await now()) + 3600n, { publisher: acme });
    assert.deepEqual([signed.publisher, signed.signer], [acme, ciKey.address]);
    const { releases } = await submitSignedRelease(submitter, registry, signed);
    assert.deepEqual(
      releases.map((r) => [r.publisher, r.signer, r.valid, r.name]),
      [[acme, ciKey.address, true, input.name]],
    );

    const outside = await failure(
      signRelease(ci, registry, imageRelease("ghcr.io/acmecorp/api:2", "outside"), (await now()) + 3600n, {
        publisher: acme,
      }),
    );
    assert.equal(problemOf(outside), "name-out-of-scope");
    assert.equal(
      outside.message,
      `${acme} lets ${ciKey.address} publish only names starting with "ghcr.io/acme/", and "ghcr.io/acmecorp/api:2" does not. Use a name in that scope, or ask the publisher to widen it.`,
    );
    assert.equal(
      problemOf(await failure(validateSignedRelease(publicClient, registry, await forged("docker.io/acme/api:2")))),
      "name-out-of-scope",
    );
  });

  test("after the publisher revokes the grant: refused (delegation-revoked), and the key's release is no longer valid", async () => {
    const signed = await forged("ghcr.io/acme/api:3");
    await validateSignedRelease(publicClient, registry, signed);
    const { blockNumber } = await writeRegistry(chain, 0, "revokeDelegate", [ciKey.address]);
    const revokedAt = (await publicClient.getBlock({ blockNumber })).timestamp;
    const error = await failure(validateSignedRelease(publicClient, registry, signed));
    assert.equal(problemOf(error), "delegation-revoked");
    assert.equal(
      error.message,
      `${acme} revoked the delegation of ${ciKey.address} on ${formatUnixTime(revokedAt)}: releases that key signs no longer count. Ask the publisher for a new signature.`,
    );
    const [earlier] = (await getReleasesByPublisher(publicClient, registry, acme)).releases;
    assert.deepEqual(
      [earlier?.signer, earlier?.revokedAt, earlier?.valid],
      [ciKey.address, null, false],
      "the key's earlier release is void, not revoked",
    );
  });

  // Last: the chain's clock cannot go back.
  test("after the grant expires: refused (delegation-expired)", async () => {
    const expiresAt = (await now()) + 600n;
    await writeRegistry(chain, 0, "authorizeDelegate", [ciKey.address, "", expiresAt]);
    const signed = await forged("quay.io/anything:1");
    await validateSignedRelease(publicClient, registry, signed);
    await testClient.setNextBlockTimestamp({ timestamp: expiresAt + 1n });
    await testClient.mine({ blocks: 1 });
    const error = await failure(validateSignedRelease(publicClient, registry, signed));
    assert.equal(problemOf(error), "delegation-expired");
    assert.equal(
      error.message,
      `The delegation of ${ciKey.address} by ${acme} expired on ${formatUnixTime(expiresAt)}. Ask the publisher to renew it, or for a new signature.`,
    );
  });
});
