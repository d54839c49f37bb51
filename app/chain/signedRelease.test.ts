import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  type Address,
  createWalletClient,
  type Hex,
  http,
  numberToHex,
  parseSignature,
  serializeSignature,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { itemAt } from "../image/util/itemAt.ts";
import { getRelease } from "./actions/getRelease.ts";
import { signRelease } from "./actions/signRelease.ts";
import { submitSignedRelease } from "./actions/submitSignedRelease.ts";
import { isAppError } from "./errors.ts";
import { releaseMessage, releaseTypedData } from "./releaseTypedData.ts";
import { parseSignedRelease, type SignedRelease, serializeSignedRelease } from "./signedRelease.ts";
import { failure, problemOf } from "./test/appFailure.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";
import { validateSignedRelease } from "./validateSignedRelease.ts";

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
// Fixed keys so a failing run replays exactly (local accounts: viem signs, no wallet involved).
const publisherKey = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const strangerKey = privateKeyToAccount("0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e");

describe("signed releases", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const [alice, bob] = chain.accounts as [Address, Address];
  const publisherWallet = createWalletClient({
    chain: chain.chain,
    transport: http(chain.url),
    account: publisherKey,
  }) as WalletClient;
  const publisher = { publicClient, walletClient: publisherWallet };
  const submitter = { publicClient, walletClient: chain.wallet(1) };
  const inAnHour = async () => (await publicClient.getBlock()).timestamp + 3600n;

  test("sign → file → parse → submit by someone else: the release is the publisher's; the signature is not used up, a second submission is refused as a duplicate", async () => {
    const input = {
      ...imageRelease("docker.io/acme/signed:1", "signed 1"),
      archiveDigest: imageRelease("", "signed tar").imageId,
    };
    const deadline = await inAnHour();
    const signed = await signRelease(publisher, registry, input, deadline);
    assert.deepEqual(
      { ...signed, signature: "…" },
      {
        format: "imageseal/signed-release",
        version: 2,
        chainId: 31337,
        registry,
        publisher: publisherKey.address,
        signer: publisherKey.address,
        release: input,
        nonce: 0n,
        deadline,
        signature: "…",
      },
    );
    const file = serializeSignedRelease(signed);
    assert.match(file, new RegExp(`"publisher": "${publisherKey.address}",\\n  "signer": "${publisherKey.address}",`));
    assert.match(file, /"nonce": "0",\n {2}"deadline": "\d+",/);
    const parsed = parseSignedRelease(file);
    assert.deepEqual(parsed, signed);
    const statuses: string[] = [];
    const outcome = await submitSignedRelease(submitter, registry, parsed, { onPhase: (p) => statuses.push(p.status) });
    assert.deepEqual(statuses, ["simulating", "awaiting-signature", "pending", "confirmed"]);
    const release = await getRelease(publicClient, registry, itemAt(outcome.releaseIds, 0));
    assert.deepEqual(
      [release.publisher, release.signer, release.valid, release.name, release.archiveDigest],
      [publisherKey.address, null, true, input.name, input.archiveDigest],
    );
    assert.deepEqual(outcome.releases, [release], "the receipt's releases are the records as read");
    assert.equal(outcome.receipt.from.toLowerCase(), bob.toLowerCase(), "the submitter paid");
    // The nonce did not move: the same file is still well signed, and the contract refuses it as a duplicate.
    await validateSignedRelease(publicClient, registry, parsed);
    const again = await failure(submitSignedRelease(submitter, registry, parsed));
    assert.ok(again.kind === "contract-revert");
    assert.deepEqual(again.revert, { errorName: "ImageRegistryAlreadyPublished", args: [release.id] });
    assert.match(again.message, /^The publisher already published this exact release/);
  });

  test("several releases signed at one nonce are each submittable", async () => {
    const deadline = await inAnHour();
    const [a, b] = await Promise.all(
      ["a", "b"].map((tag) =>
        signRelease(
          publisher,
          registry,
          imageRelease(`docker.io/acme/same-nonce:${tag}`, `same nonce ${tag}`),
          deadline,
        ),
      ),
    );
    assert.deepEqual([a?.nonce, b?.nonce], [0n, 0n]);
    for (const signed of [b, a] as SignedRelease[]) {
      const { releases } = await submitSignedRelease(submitter, registry, signed);
      assert.equal(releases[0]?.name, signed.release.name);
    }
  });

  test("a browser wallet (JSON-RPC account) signs too, and its file verifies", async () => {
    const signed = await signRelease(
      { publicClient, walletClient: chain.wallet(0) },
      { registry },
      imageRelease("docker.io/acme/signed:rpc", "rpc"),
      await inAnHour(),
    );
    assert.deepEqual([signed.publisher, signed.signer], [alice, alice]);
    await validateSignedRelease(publicClient, registry, parseSignedRelease(serializeSignedRelease(signed)));
  });

  test("rejected before the wallet opens: wrong chain, wrong registry, expired, nonce ahead, edited, not the signer's, malleated, v 0/1, wrong length", async () => {
    const signed = await signRelease(
      publisher,
      registry,
      imageRelease("docker.io/acme/signed:2", "signed 2"),
      await inAnHour(),
    );
    const other = await chain.deployRegistry();
    const resign = async (patch: Partial<SignedRelease>, signer = publisherKey): Promise<SignedRelease> => {
      const doc = { ...signed, ...patch };
      return {
        ...doc,
        signature: await signer.signTypedData(
          releaseTypedData(
            doc.chainId,
            doc.registry,
            releaseMessage(doc.publisher, doc.release, doc.nonce, doc.deadline),
          ),
        ),
      };
    };
    const { r, s, yParity } = parseSignature(signed.signature);
    const malleated = serializeSignature({
      r,
      s: numberToHex(SECP256K1_N - BigInt(s), { size: 32 }),
      yParity: yParity === 0 ? 1 : 0,
    });
    const parityV = `${signed.signature.slice(0, 130)}0${yParity}` as Hex;
    const cases: [string, SignedRelease, string][] = [
      [
        "wrong-chain",
        await resign({ chainId: 1 }),
        "This release was signed for chain 1, but you are connected to chain 31337. Switch to chain 1 to submit it.",
      ],
      [
        "wrong-registry",
        await resign({ registry: other.registry }),
        `This release was signed for the registry at ${other.registry}, not ${registry}.`,
      ],
      [
        "expired",
        await resign({ deadline: (await publicClient.getBlock()).timestamp - 1n }),
        "The signature expired on",
      ],
      [
        "nonce-ahead",
        await resign({ nonce: signed.nonce + 1n }),
        `This signature was made for the publisher's nonce ${signed.nonce + 1n}, which it has not reached (it is ${signed.nonce} now), so the registry refuses it. Ask for a signature made for nonce ${signed.nonce}.`,
      ],
      [
        "bad-signature",
        { ...signed, release: { ...signed.release, name: "docker.io/acme/signed:3" } },
        `not by the signer ${publisherKey.address} (or the file was edited after signing)`,
      ],
      [
        "bad-signature",
        await resign({ publisher: strangerKey.address, signer: strangerKey.address }),
        `not by the signer ${strangerKey.address}`,
      ],
      [
        "bad-signature",
        await resign({}, strangerKey),
        `The signature was made by ${strangerKey.address}, not by the signer ${publisherKey.address}`,
      ],
      ["bad-signature", { ...signed, signature: malleated }, "high s"],
      ["bad-signature", { ...signed, signature: parityV }, "a v other than 27/28"],
      [
        "bad-signature",
        { ...signed, signature: signed.signature.slice(0, 130) as Hex },
        `The signature is 64 bytes long, but ${publisherKey.address} is a key (no code on chain), whose signature is 65 bytes (r, s, v).`,
      ],
    ];
    const wallet = chain.wallet(1);
    for (const [problem, doc, words] of cases) {
      const statuses: string[] = [];
      const error = await failure(
        submitSignedRelease({ publicClient, walletClient: wallet }, registry, doc, {
          onPhase: (p) => statuses.push(p.status),
        }),
      );
      assert.equal(problemOf(error), problem, words);
      assert.deepEqual(statuses, ["simulating", "failed"], "the wallet was never asked");
      assert.ok(error.message.includes(words), `${problem}: ${error.message}`);
    }
    // Nothing reached the chain: the untouched signature is still good.
    await submitSignedRelease(submitter, registry, signed);
  });

  test("parseSignedRelease refuses a version 1 file (made for the old registry) and names what is malformed", async () => {
    const good = JSON.parse(
      serializeSignedRelease(
        await signRelease(publisher, registry, imageRelease("docker.io/acme/signed:4", "signed 4"), await inAnHour()),
      ),
    ) as Record<string, unknown>;
    const release = good.release as Record<string, unknown>;
    const parseError = (text: string) => {
      try {
        parseSignedRelease(text);
      } catch (thrown) {
        return thrown;
      }
      return assert.fail(`parsed: ${text}`);
    };
    // As a version 1 file was: no signer.
    const v1 = { ...Object.fromEntries(Object.entries(good).filter(([key]) => key !== "signer")), version: 1 };
    const old = parseError(JSON.stringify(v1));
    assert.ok(isAppError(old) && old.kind === "signed-release-invalid" && old.problem === "old-version");
    assert.equal(
      old.message,
      "This signed release (file version 1) was made for the old ImageSeal registry, and the current registry does not accept its signature. Ask the publisher to sign the release again.",
    );
    const cases: [string, string][] = [
      ["{", "it is not JSON"],
      ["[]", "it is not a JSON object"],
      [JSON.stringify({ ...good, format: "something/else" }), '"format" must be "imageseal/signed-release"'],
      [JSON.stringify({ ...good, version: 3 }), '"version" 3 is not supported (this app reads version 2)'],
      [JSON.stringify({ ...good, chainId: "31337" }), '"chainId" must be a positive integer'],
      [
        JSON.stringify({ ...good, registry: (good.registry as string).replace(/[a-f]/, (c) => c.toUpperCase()) }),
        '"registry" must be an address',
      ],
      [JSON.stringify({ ...good, signer: undefined }), '"signer" must be an address'],
      [JSON.stringify({ ...good, nonce: 1 }), '"nonce" must be a decimal integer string below 2^256'],
      [
        JSON.stringify({ ...good, nonce: (2n ** 256n).toString() }),
        '"nonce" must be a decimal integer string below 2^256',
      ],
      [JSON.stringify({ ...good, deadline: "-5" }), '"deadline" must be a decimal integer string'],
      [JSON.stringify({ ...good, signature: "0x" }), '"signature" must be 0x-hex bytes (a signature)'],
      [JSON.stringify({ ...good, signature: "0x123" }), '"signature" must be 0x-hex bytes (a signature)'],
      [
        JSON.stringify({ ...good, release: { ...release, imageId: "sha256:XYZ" } }),
        '"imageId" must be a sha256:<64 hex> digest or null',
      ],
      [
        JSON.stringify({ ...good, release: { ...release, name: "" } }),
        "its release is not publishable (The name is empty.)",
      ],
      [JSON.stringify({ ...good, release: { ...release, imageId: null, manifestDigest: null } }), "names no digest"],
    ];
    for (const [text, words] of cases) {
      const error = parseError(text);
      assert.ok(isAppError(error) && error.kind === "signed-release-invalid" && error.problem === "malformed", words);
      assert.ok(error.message.includes(words), `${words} ⊄ ${error.message}`);
    }
    // A contract account's signature is longer than a key's: the file carries any bytes, the chain decides.
    const long = `0x${"ab".repeat(130)}` as Hex;
    assert.equal(parseSignedRelease(JSON.stringify({ ...good, signature: long })).signature, long);
  });
});
