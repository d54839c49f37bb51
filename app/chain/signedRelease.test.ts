import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createWalletClient, http, numberToHex, parseSignature, serializeSignature, type Address, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getRelease } from "./actions/getRelease.ts";
import { signRelease } from "./actions/signRelease.ts";
import { submitSignedRelease } from "./actions/submitSignedRelease.ts";
import { isAppError, type AppError } from "./errors.ts";
import { releaseTypedData } from "./releaseTypedData.ts";
import { releaseInputToChain } from "./releaseInput.ts";
import { parseSignedRelease, serializeSignedRelease, type SignedRelease } from "./signedRelease.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";
import { validateSignedRelease } from "./validateSignedRelease.ts";

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
// Fixed keys so a failing run replays exactly (local accounts: viem signs, no wallet involved).
const publisherKey = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const strangerKey = privateKeyToAccount("0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e");

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
  return error;
}

function problemOf(error: AppError): string {
  return error.kind === "signed-release-invalid" ? error.problem : `${error.kind}: ${error.message}`;
}

describe("signed releases", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const [alice, bob] = chain.accounts as [Address, Address];
  const publisherWallet = createWalletClient({ chain: chain.chain, transport: http(chain.url), account: publisherKey }) as WalletClient;
  const publisher = { publicClient, walletClient: publisherWallet };
  const submitter = { publicClient, walletClient: chain.wallet(1) };
  const inAnHour = async () => (await publicClient.getBlock()).timestamp + 3600n;

  test("sign → file → parse → submit by someone else: the release is the signer's, the nonce is used up", async () => {
    const input = { ...imageRelease("docker.io/acme/signed:1", "signed 1"), archiveDigest: imageRelease("", "signed tar").imageId };
    const deadline = await inAnHour();
    const signed = await signRelease(publisher, registry, input, deadline);
    assert.deepEqual({ ...signed, signature: "…" }, {
      format: "imageseal/signed-release",
      version: 1,
      chainId: 31337,
      registry,
      publisher: publisherKey.address,
      release: input,
      nonce: 0n,
      deadline,
      signature: "…",
    });
    const file = serializeSignedRelease(signed);
    assert.match(file, /"nonce": "0",\n  "deadline": "\d+",/);
    const parsed = parseSignedRelease(file);
    assert.deepEqual(parsed, signed);
    const statuses: string[] = [];
    const outcome = await submitSignedRelease(submitter, registry, parsed, { onPhase: (p) => statuses.push(p.status) });
    assert.deepEqual(statuses, ["simulating", "awaiting-signature", "pending", "confirmed"]);
    const release = await getRelease(publicClient, registry, outcome.releaseIds[0] as bigint);
    assert.deepEqual([release.publisher, release.name, release.archiveDigest], [publisherKey.address, input.name, input.archiveDigest]);
    assert.equal(outcome.receipt.from.toLowerCase(), bob.toLowerCase(), "the submitter paid");
    assert.equal(problemOf(await failure(submitSignedRelease(submitter, registry, parsed))), "nonce-used");
  });

  test("a browser wallet (JSON-RPC account) signs too, and its file verifies", async () => {
    const signed = await signRelease({ publicClient, walletClient: chain.wallet(0) }, { registry }, imageRelease("docker.io/acme/signed:rpc", "rpc"), await inAnHour());
    assert.equal(signed.publisher, alice);
    await validateSignedRelease(publicClient, registry, parseSignedRelease(serializeSignedRelease(signed)));
  });

  test("rejected before the wallet opens: wrong chain, wrong registry, expired, nonce ahead, edited, not the publisher's, malleated", async () => {
    const signed = await signRelease(publisher, registry, imageRelease("docker.io/acme/signed:2", "signed 2"), await inAnHour());
    const other = await chain.deployRegistry();
    const resign = async (patch: Partial<SignedRelease>, signer = publisherKey): Promise<SignedRelease> => {
      const doc = { ...signed, ...patch };
      const message = { ...releaseInputToChain(doc.release), nonce: doc.nonce, deadline: doc.deadline };
      return { ...doc, signature: await signer.signTypedData(releaseTypedData(doc.chainId, doc.registry, message)) };
    };
    const { r, s, yParity } = parseSignature(signed.signature);
    const malleated = serializeSignature({ r, s: numberToHex(SECP256K1_N - BigInt(s), { size: 32 }), yParity: yParity === 0 ? 1 : 0 });
    const cases: [string, SignedRelease, string][] = [
      ["wrong-chain", await resign({ chainId: 1 }), "This release was signed for chain 1, but you are connected to chain 31337. Switch to chain 1 to submit it."],
      ["wrong-registry", await resign({ registry: other.registry }), `This release was signed for the registry at ${other.registry}, not ${registry}.`],
      ["expired", await resign({ deadline: (await publicClient.getBlock()).timestamp - 1n }), "The signature expired on"],
      ["nonce-ahead", await resign({ nonce: signed.nonce + 1n }), `uses the publisher's nonce ${signed.nonce + 1n}, but the next one is ${signed.nonce}`],
      ["bad-signature", { ...signed, release: { ...signed.release, name: "docker.io/acme/signed:3" } }, "not by the publisher"],
      ["bad-signature", await resign({}, strangerKey), `The signature was made by ${strangerKey.address}, not by the publisher ${publisherKey.address}`],
      ["bad-signature", { ...signed, signature: malleated }, "high s"],
    ];
    const wallet = chain.wallet(1);
    for (const [problem, doc, words] of cases) {
      const statuses: string[] = [];
      const error = await failure(submitSignedRelease({ publicClient, walletClient: wallet }, registry, doc, { onPhase: (p) => statuses.push(p.status) }));
      assert.equal(problemOf(error), problem);
      assert.deepEqual(statuses, ["simulating", "failed"], "the wallet was never asked");
      assert.ok(error.message.includes(words), `${problem}: ${error.message}`);
    }
    // Nothing reached the chain: the untouched signature is still good.
    await submitSignedRelease(submitter, registry, signed);
  });

  test("parseSignedRelease names what is malformed", async () => {
    const good = JSON.parse(serializeSignedRelease(await signRelease(publisher, registry, imageRelease("docker.io/acme/signed:4", "signed 4"), await inAnHour()))) as Record<string, unknown>;
    const release = good.release as Record<string, unknown>;
    const cases: [string, string][] = [
      ["{", "it is not JSON"],
      ["[]", "it is not a JSON object"],
      [JSON.stringify({ ...good, format: "something/else" }), '"format" must be "imageseal/signed-release"'],
      [JSON.stringify({ ...good, version: 2 }), '"version" 2 is not supported'],
      [JSON.stringify({ ...good, chainId: "31337" }), '"chainId" must be a positive integer'],
      [JSON.stringify({ ...good, registry: (good.registry as string).replace(/[a-f]/, (c) => c.toUpperCase()) }), '"registry" must be an address'],
      [JSON.stringify({ ...good, nonce: 1 }), '"nonce" must be a decimal integer string'],
      [JSON.stringify({ ...good, deadline: "-5" }), '"deadline" must be a decimal integer string'],
      [JSON.stringify({ ...good, signature: "0x1234" }), '"signature" must be a 65-byte 0x-hex signature'],
      [JSON.stringify({ ...good, release: { ...release, imageId: "sha256:XYZ" } }), '"imageId" must be a sha256:<64 hex> digest or null'],
      [JSON.stringify({ ...good, release: { ...release, name: "" } }), "its release is not publishable (The name is empty.)"],
      [JSON.stringify({ ...good, release: { ...release, imageId: null, manifestDigest: null } }), "names no digest"],
    ];
    for (const [text, words] of cases) {
      let error: unknown;
      try {
        parseSignedRelease(text);
      } catch (thrown) {
        error = thrown;
      }
      assert.ok(isAppError(error) && error.kind === "signed-release-invalid" && error.problem === "malformed", words);
      assert.ok(error.message.includes(words), `${words} ⊄ ${error.message}`);
    }
  });
});
