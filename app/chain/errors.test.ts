import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, describe, test } from "node:test";
import {
  BaseError,
  type Chain,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  createPublicClient,
  encodeAbiParameters,
  encodeErrorResult,
  type Hex,
  HttpRequestError,
  http,
  keccak256,
  numberToHex,
  type PublicClient,
  TimeoutError,
  TransactionExecutionError,
  UserRejectedRequestError,
  InsufficientFundsError as ViemInsufficientFundsError,
  WebSocketRequestError,
  zeroAddress,
} from "viem";
import { simulateContract } from "viem/actions";
import { itemAt } from "../image/util/itemAt.ts";
import { getRelease } from "./actions/getRelease.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { InvalidDigestError } from "./digests.ts";
import { type AppError, isAppError, toAppError, UnknownAppError } from "./errors.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { RegistryErrorName } from "./registryRevert.ts";
import { closedPortUrl, digestOf, imageRelease, startTestChain } from "./test/testChain.ts";

const hardhat: Chain = {
  id: 31337,
  name: "Hardhat",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
};
const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const D = "0x95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";

/** A revert exactly as viem reports one from a contract call: the encoded error data, decoded against the ABI. */
function revertFromChain(errorName: RegistryErrorName, args: readonly unknown[]): ContractFunctionExecutionError {
  const data = encodeErrorResult({ abi: imageRegistryAbi, errorName, args } as never);
  const reverted = new ContractFunctionRevertedError({ abi: imageRegistryAbi, data, functionName: "publish" });
  return new ContractFunctionExecutionError(reverted, {
    abi: imageRegistryAbi,
    functionName: "publish",
    contractAddress: B,
    args: [],
  });
}

// Every custom error of the ABI, its arguments and the words a person reads.
const WORDS: Record<RegistryErrorName, [readonly unknown[], string]> = {
  ImageRegistryEmptyName: [[], "The release has no name. Give the image's name, e.g. docker.io/acme/api:1.4.2."],
  ImageRegistryNameTooLong: [
    [300n],
    "The name is 300 bytes long; the registry accepts at most 255. Use a shorter name.",
  ],
  ImageRegistryInvalidNameByte: [
    [4n, "0x0a"],
    "The name holds a control character (byte 0x0a) at position 4. Names are printable text: remove it.",
  ],
  ImageRegistryNoDigest: [
    [],
    "The release names no digest. Give at least one of imageId, manifestDigest, indexDigest or archiveDigest.",
  ],
  ImageRegistryAlreadyPublished: [
    [4294967297n],
    "You already published this exact release (id 1-1) and it is still valid. Nothing to do; to publish it again, revoke that release first.",
  ],
  ImageRegistryUnknownRelease: [
    [8589934592n],
    "There is no release with id 2-0 in this registry. Check the id and the chain.",
  ],
  ImageRegistryNotPublisher: [
    [8589934592n, A, B],
    `Only a release's publisher can revoke it: release 2-0 was published by ${B}, and this transaction comes from ${A}. Switch to the publisher's account.`,
  ],
  ImageRegistryAlreadyRevoked: [
    [8589934592n, 1795376517n],
    "Release 2-0 was already revoked on 2026-11-22 19:41:57 UTC. Nothing to do.",
  ],
  ImageRegistryEmptyBatch: [[], "The batch holds no release. Add at least one."],
  ImageRegistryExpiredSignature: [
    [1795376517n],
    "The signature's deadline (2026-11-22 19:41:57 UTC) has passed. Ask the publisher to sign the release again with a later deadline.",
  ],
  ImageRegistryInvalidSignatureLength: [
    [64n],
    "The signature is 64 bytes long; it must be 65 (r, s, v). The signed release is damaged: ask the publisher for it again.",
  ],
  ImageRegistryInvalidSignatureS: [
    [D],
    `The signature is a malleated copy (its s value ${D} is in the upper half of the curve order). Submit the signature exactly as the publisher's wallet made it.`,
  ],
  ImageRegistryInvalidSignatureV: [
    [29],
    "The signature's v is 29; it must be 27 or 28. Submit the signature exactly as the publisher's wallet made it.",
  ],
  ImageRegistryInvalidSigner: [
    [A, B],
    `The signature is ${A}'s, not ${B}'s (the signer the submission names), for this release, nonce and deadline. Ask ${B} to sign this exact release.`,
  ],
  ImageRegistryStaleNonce: [
    [2n, 3n],
    "The publisher has revoked a release or cancelled its signatures since this was signed (nonce 2, now 3), which voided the signature. Ask the publisher for a new signature.",
  ],
  ImageRegistryInvalidNonce: [
    [5n, 5n],
    "Cancelling signatures moves the nonce forward to a value below 2^128: it is 5 now, and 5 is not above it (or too large). Choose a nonce above 5.",
  ],
  ImageRegistryInvalidContractSignature: [
    [B],
    `The contract account ${B} did not accept the signature (EIP-1271 isValidSignature). Its owners must sign this exact release, in the form the account expects (e.g. enough owners' signatures).`,
  ],
  ImageRegistryNotDelegate: [
    [A, B],
    `${B} holds no delegation from ${A}, so it cannot publish on ${A}'s behalf. The publisher must authorise it first, or sign itself.`,
  ],
  ImageRegistryDelegationRevoked: [
    [A, B, 1795376517n],
    `${A} revoked the delegation of ${B} on 2026-11-22 19:41:57 UTC: that key can no longer publish for it. The publisher must authorise it again.`,
  ],
  ImageRegistryDelegationExpired: [
    [A, B, 1795376517n],
    `The delegation of ${B} by ${A} expired on 2026-11-22 19:41:57 UTC: that key can no longer publish for it. The publisher must renew it.`,
  ],
  ImageRegistryNameOutOfScope: [
    ["ghcr.io/other/api:1", "ghcr.io/acme/"],
    'The delegate may publish only names starting with "ghcr.io/acme/", and "ghcr.io/other/api:1" does not. Use a name in that scope, or ask the publisher to widen it.',
  ],
  ImageRegistryInvalidDelegate: [
    [A],
    `${A} is your own account: a publisher needs no delegation to publish itself. Give another key's address.`,
  ],
  ImageRegistryInvalidExpiry: [
    [1795376517n],
    "A delegation's expiry must be after the current block's time and before 2106 (2^32 seconds); 2026-11-22 19:41:57 UTC is not. Choose a later expiry.",
  ],
  ImageRegistryTimestampOutOfRange: [
    [4294967296n],
    "This chain's block timestamp 4294967296 is outside what the registry can store (1 to 2^32 - 1, i.e. until 2106). Releases cannot be recorded on it.",
  ],
  ImageRegistryBlockNumberOutOfRange: [
    [4294967296n],
    "This chain's block number 4294967296 is beyond what the registry can store (2^32 - 1). Releases cannot be recorded on it.",
  ],
  ImageRegistryTooManyPublishers: [
    [A],
    `The registry holds the most publishers it can (2^32 - 2); ${A} cannot be added. Use another deployment.`,
  ],
  ImageRegistryTooManyReleases: [
    [A],
    `${A} has published the most releases one account can (2^32). Publish from another account.`,
  ],
  ImageRegistryTooManyReleasesForDigest: [
    [D],
    `The digest ${D} is named by the most releases one digest can have (2^32 - 1); no more can be recorded for it.`,
  ],
  ImageRegistryClaimLocationInvalid: [
    [300n],
    "The claim location is 300 bytes long; the registry accepts at most 256. Use a shorter repository or domain.",
  ],
  ImageRegistryTooManyClaims: [
    [A, 32n],
    `${A} has recorded 32 claims, the most one account can (withdrawn ones count too). Record further claims from another account.`,
  ],
  ImageRegistryClaimNotFound: [
    [A, 3n],
    `${A} has no claim number 3. Check the list of your claims: you can withdraw only your own.`,
  ],
  ImageRegistryClaimAlreadyWithdrawn: [[A, 0n], `${A}'s claim number 0 was already withdrawn. Nothing to do.`],
};

describe("toAppError: every ImageRegistry custom error, with its arguments, in words", () => {
  test("the table covers every error of the generated ABI", () => {
    const abiErrors = imageRegistryAbi
      .filter((item) => item.type === "error")
      .map((item) => item.name)
      .sort();
    assert.deepEqual(Object.keys(WORDS).sort(), abiErrors);
  });

  for (const [errorName, [args, words]] of Object.entries(WORDS) as [
    RegistryErrorName,
    [readonly unknown[], string],
  ][]) {
    test(errorName, () => {
      const error = toAppError(revertFromChain(errorName, args));
      assert.ok(error.kind === "contract-revert");
      assert.deepEqual(error.revert, { errorName, args });
      assert.equal(error.message, words);
      assert.ok(error.cause instanceof ContractFunctionExecutionError, "the cause is kept");
    });
  }

  test("a signature submitted for someone else: 'the publisher', not 'you'", () => {
    const error = toAppError(revertFromChain("ImageRegistryAlreadyPublished", [5n]), { subject: "publisher" });
    assert.match(error.message, /^The publisher already published this exact release \(id 5\)/);
    assert.match(
      toAppError(revertFromChain("ImageRegistryInvalidSigner", [zeroAddress, B])).message,
      /^The signature recovers to no address, so it is not 0x3C44/,
    );
  });

  test("the variants of a few errors: a nonce not reached yet, the zero address as a delegate, an empty claim location", () => {
    assert.equal(
      toAppError(revertFromChain("ImageRegistryStaleNonce", [4n, 3n])).message,
      "The signature was made for the publisher's nonce 4, which it has not reached (it is 3 now). Ask the publisher for a signature made for nonce 3.",
    );
    assert.equal(
      toAppError(revertFromChain("ImageRegistryInvalidDelegate", [zeroAddress])).message,
      "The delegate is the zero address. Give the address of the key that is to publish on your behalf.",
    );
    assert.equal(
      toAppError(revertFromChain("ImageRegistryClaimLocationInvalid", [0n])).message,
      "The claim has no location. Give where the signed claim lives: oci://<registry>/<repository> or https://<domain>.",
    );
  });

  test("revert data that only a wallet's raw RPC error carries is decoded too", () => {
    const data = encodeErrorResult({ abi: imageRegistryAbi, errorName: "ImageRegistryUnknownRelease", args: [9n] });
    const reverted = new ContractFunctionRevertedError({ abi: imageRegistryAbi, functionName: "getRelease" });
    const wrapped = new ContractFunctionExecutionError(reverted, {
      abi: imageRegistryAbi,
      functionName: "getRelease",
      args: [9n],
    });
    Object.assign(reverted, { cause: Object.assign(new Error("execution reverted"), { code: 3, data }) });
    const error = toAppError(wrapped);
    assert.deepEqual(error.kind === "contract-revert" && error.revert, {
      errorName: "ImageRegistryUnknownRelease",
      args: [9n],
    });
  });

  test("a simulation the node refuses for want of gas money is insufficient-funds, not the registry's refusal", () => {
    const reverted = new ContractFunctionRevertedError({
      abi: imageRegistryAbi,
      functionName: "publish",
      message: "Missing or invalid parameters. Sender doesn't have enough funds to send tx.",
    });
    const error = toAppError(
      new ContractFunctionExecutionError(reverted, { abi: imageRegistryAbi, functionName: "publish", args: [] }),
    );
    assert.equal(error.kind, "insufficient-funds");
  });

  test("a revert the registry does not define says so", () => {
    const reverted = new ContractFunctionRevertedError({
      abi: imageRegistryAbi,
      functionName: "publish",
      message: "out of gas",
    });
    const error = toAppError(
      new ContractFunctionExecutionError(reverted, { abi: imageRegistryAbi, functionName: "publish", args: [] }),
    );
    assert.ok(error.kind === "contract-revert" && error.revert === null);
    assert.match(error.message, /^The registry rejected the call/);
  });
});

describe("toAppError: wallets, nodes and RPC endpoints", () => {
  const kind = (thrown: unknown, context = {}) => toAppError(thrown, context).kind;

  test("user-rejected: viem's UserRejectedRequestError, or any cause with EIP-1193 code 4001 (another copy of viem, a raw provider error)", () => {
    assert.equal(
      kind(
        new TransactionExecutionError(new UserRejectedRequestError(new Error("denied")), {
          account: { address: A, type: "json-rpc" },
        } as never),
      ),
      "user-rejected",
    );
    assert.equal(
      kind(Object.assign(new Error("MetaMask Tx Signature: User denied transaction signature."), { code: 4001 })),
      "user-rejected",
    );
  });

  test("wrong-chain: viem's ChainMismatchError, with the registry's chain from the context", () => {
    const error = toAppError(new ChainMismatchError({ chain: hardhat, currentChainId: 1 }), { chainId: 31337 });
    assert.ok(error.kind === "wrong-chain");
    assert.equal(error.expectedChainId, 31337);
  });

  test("insufficient-funds: viem's InsufficientFundsError inside a transaction error", () => {
    assert.equal(
      kind(
        new TransactionExecutionError(
          new ViemInsufficientFundsError({ cause: new BaseError("insufficient funds for gas * price + value") }),
          {} as never,
        ),
      ),
      "insufficient-funds",
    );
  });

  test("rpc-unreachable: connection failures keep no status; HTTP error pages keep theirs", () => {
    const refused = toAppError(
      new HttpRequestError({ url: "https://rpc.example", cause: new TypeError("fetch failed") }),
    );
    assert.ok(refused.kind === "rpc-unreachable");
    assert.deepEqual([refused.url, refused.status], ["https://rpc.example", null]);
    const limited = toAppError(new HttpRequestError({ url: "https://rpc.example", status: 429 }));
    assert.ok(limited.kind === "rpc-unreachable" && limited.status === 429);
    assert.match(limited.message, /did not answer \(HTTP 429\)/);
    assert.equal(kind(new WebSocketRequestError({ url: "wss://rpc.example", body: {} })), "rpc-unreachable");
    assert.equal(kind(new TypeError("fetch failed")), "rpc-unreachable");
  });

  test("timeout: viem's TimeoutError", () => {
    const error = toAppError(new TimeoutError({ body: {}, url: "https://rpc.example" }));
    assert.ok(error.kind === "timeout" && error.url === "https://rpc.example");
  });

  test("registry-missing: a call that returned no data names the contract address", () => {
    const zero = new ContractFunctionExecutionError(new ContractFunctionZeroDataError({ functionName: "nonces" }), {
      abi: imageRegistryAbi,
      functionName: "nonces",
      args: [A],
      contractAddress: A,
    });
    const error = toAppError(zero, { chainId: 10 });
    assert.ok(error.kind === "registry-missing");
    assert.deepEqual([error.address, error.chainId], [A, 10]);
  });

  test("invalid-input: a malformed digest from the caller", () => {
    const error = toAppError(new InvalidDigestError('not a sha256 digest: "sha256:abc"'));
    assert.equal(error.kind, "invalid-input");
    assert.equal(error.message, 'Not a sha256 digest: "sha256:abc". Check the value and try again.');
  });

  test("unknown: anything else, its cause kept; an AppError passes through unchanged", () => {
    const original = new RangeError("weird");
    const error = toAppError(original);
    assert.ok(error instanceof UnknownAppError && error.cause === original);
    assert.equal(error.message, "Something unexpected went wrong: weird");
    assert.equal(toAppError(error), error);
  });
});

describe("from a real chain and real endpoints", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, testClient } = chain;
  const alice = itemAt(chain.accounts, 0);
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  async function failure(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e,
    );
    assert.ok(isAppError(error));
    return error;
  }
  const revertOf = async (promise: Promise<unknown>) => {
    const error = await failure(promise);
    assert.ok(error.kind === "contract-revert", error.message);
    return error.revert;
  };

  test("names and digests the contract refuses", async () => {
    const input = imageRelease("ok", "refused");
    assert.deepEqual(await revertOf(publishRelease(as(0), registry, { ...input, name: "" })), {
      errorName: "ImageRegistryEmptyName",
      args: [],
    });
    assert.deepEqual(await revertOf(publishRelease(as(0), registry, { ...input, name: "x".repeat(256) })), {
      errorName: "ImageRegistryNameTooLong",
      args: [256n],
    });
    assert.deepEqual(await revertOf(publishRelease(as(0), registry, { ...input, name: "acme/api\n:1" })), {
      errorName: "ImageRegistryInvalidNameByte",
      args: [8n, "0x0a"],
    });
    assert.deepEqual(
      await revertOf(publishRelease(as(0), registry, { ...input, imageId: null, manifestDigest: null })),
      { errorName: "ImageRegistryNoDigest", args: [] },
    );
  });

  test("signatures the contract refuses (submitted without the off-chain checks)", async () => {
    const deadline = (await publicClient.getBlock()).timestamp + 600n;
    const release = {
      name: "acme/sig:1",
      imageId: digestOf("sig").replace("sha256:", "0x") as Hex,
      manifestDigest: `0x${"0".repeat(64)}` as Hex,
      indexDigest: `0x${"0".repeat(64)}` as Hex,
      archiveDigest: `0x${"0".repeat(64)}` as Hex,
    };
    const submit = (signature: Hex, at = deadline, nonce = 0n) =>
      simulateContract(publicClient, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "publishBySig",
        args: [alice, alice, release, nonce, at, signature],
        account: alice,
      }).catch((e: unknown) => Promise.reject(toAppError(e, { subject: "publisher" })));
    const r = `0x${"11".repeat(32)}`;
    const lowS = numberToHex(5n, { size: 32 }).slice(2);
    assert.deepEqual(await revertOf(submit(`0x${"ab".repeat(64)}`)), {
      errorName: "ImageRegistryInvalidSignatureLength",
      args: [64n],
    });
    assert.deepEqual(await revertOf(submit(`${r}${"ff".repeat(32)}1b` as Hex)), {
      errorName: "ImageRegistryInvalidSignatureS",
      args: [`0x${"ff".repeat(32)}`],
    });
    assert.deepEqual(await revertOf(submit(`${r}${lowS}1d` as Hex)), {
      errorName: "ImageRegistryInvalidSignatureV",
      args: [29],
    });
    const signer = await revertOf(submit(`${r}${lowS}1b` as Hex));
    assert.ok(signer?.errorName === "ImageRegistryInvalidSigner" && signer.args[1] === alice);
    assert.deepEqual(await revertOf(submit(`${r}${lowS}1b` as Hex, 1n)), {
      errorName: "ImageRegistryExpiredSignature",
      args: [1n],
    });
    assert.deepEqual(await revertOf(submit(`${r}${lowS}1b` as Hex, deadline, 1n)), {
      errorName: "ImageRegistryStaleNonce",
      args: [1n, 0n],
    });
  });

  test("the registry's limits (storage set as if 2^32 releases had happened)", async () => {
    const slot = (key: Hex, base: bigint) =>
      keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [key, base]));
    const word = (value: bigint) => numberToHex(value, { size: 32 });
    const max32 = 2n ** 32n - 1n;
    const first = await publishRelease(as(0), registry, imageRelease("acme/limits:1", "limits"));
    const image = first.releases[0]?.imageId as string;
    // alice's account: number 1, releaseCount 2^32 - 1
    await testClient.setStorageAt({
      address: registry,
      index: slot(numberToHex(BigInt(alice), { size: 32 }), 1n),
      value: word((max32 << 32n) | 1n),
    });
    assert.deepEqual(await revertOf(publishRelease(as(0), registry, imageRelease("acme/limits:2", "limits 2"))), {
      errorName: "ImageRegistryTooManyReleases",
      args: [alice],
    });
    // the imageId's list head: count 2^32 - 1
    const headSlot = slot(`0x${image.slice(7)}`, 3n);
    const head = BigInt((await publicClient.getStorageAt({ address: registry, slot: headSlot })) ?? 0n);
    await testClient.setStorageAt({ address: registry, index: headSlot, value: word(((head >> 32n) << 32n) | max32) });
    assert.deepEqual(
      await revertOf(
        publishRelease(as(1), registry, { ...imageRelease("acme/limits:1", "bob"), imageId: image as never }),
      ),
      { errorName: "ImageRegistryTooManyReleasesForDigest", args: [`0x${image.slice(7)}`] },
    );
    // the next publisher number: 2^32 - 1
    await testClient.setStorageAt({ address: registry, index: word(0n), value: word(max32) });
    assert.deepEqual(await revertOf(publishRelease(as(2), registry, imageRelease("acme/limits:3", "carol"))), {
      errorName: "ImageRegistryTooManyPublishers",
      args: [chain.accounts[2]],
    });
  });

  test("rpc-unreachable: nothing listens on the port", async () => {
    const closed = createPublicClient({
      chain: hardhat,
      transport: http(await closedPortUrl(), { retryCount: 0 }),
    }) as PublicClient;
    const error = await failure(getRelease(closed, registry, 1n));
    assert.ok(error.kind === "rpc-unreachable" && error.status === null);
  });

  test("timeout: an endpoint that accepts and never answers", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as { port: number };
      const slow = createPublicClient({
        chain: hardhat,
        transport: http(`http://127.0.0.1:${port}`, { retryCount: 0, timeout: 200 }),
      }) as PublicClient;
      assert.equal((await failure(getRelease(slow, registry, 1n))).kind, "timeout");
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  // Last: the chain's clock and height cannot go back.
  test("block timestamps and numbers past 32 bits", async () => {
    await testClient.setNextBlockTimestamp({ timestamp: 2n ** 32n });
    await testClient.mine({ blocks: 1 });
    const input = imageRelease("acme/late:1", "late");
    assert.deepEqual(await revertOf(publishRelease(as(3), registry, input)), {
      errorName: "ImageRegistryTimestampOutOfRange",
      args: [2n ** 32n],
    });
    await testClient.mine({ blocks: 2 ** 32 });
    // A simulation runs on the latest block: its number is the one refused.
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 });
    assert.deepEqual(await revertOf(publishRelease(as(3), registry, input)), {
      errorName: "ImageRegistryBlockNumberOutOfRange",
      args: [blockNumber],
    });
  });
});
