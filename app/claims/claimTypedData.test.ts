import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { concat, encodeAbiParameters, hashTypedData, keccak256, recoverTypedDataAddress, toBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { claimTypedData } from "./claimTypedData.ts";
import { signClaim } from "./signClaim.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const account = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

/** EIP-712 written out by hand from the spec, sharing nothing with viem's typed-data code. */
function referenceDigest(chainId: number, registry: `0x${string}`, publisher: `0x${string}`, scope: string) {
  const domainType = keccak256(
    toBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
  );
  const domain = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
      [domainType, keccak256(toBytes("ImageSeal")), keccak256(toBytes("2")), BigInt(chainId), registry],
    ),
  );
  const claimType = keccak256(toBytes("ControlClaim(address publisher,string scope)"));
  const struct = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "address" }, { type: "bytes32" }],
      [claimType, publisher, keccak256(toBytes(scope))],
    ),
  );
  return keccak256(concat(["0x1901", domain, struct]));
}

describe("ControlClaim typed data", () => {
  test("the digest is EIP-712's over ControlClaim(address publisher,string scope) in the registry's ImageSeal v2 domain", () => {
    for (const [chainId, scope] of [
      [31337, "ghcr.io/acme/api"],
      [1, "acme.com"],
      [8453, "127.0.0.1:5055/fixture/multi"],
    ] as const) {
      assert.equal(
        hashTypedData(claimTypedData(chainId, REGISTRY, account.address, scope)),
        referenceDigest(chainId, REGISTRY, account.address, scope),
      );
    }
  });

  test("signClaim with a local account: the claim names the account as publisher and its signature recovers to it", async () => {
    const claim = await signClaim(account, { chainId: 31337, registry: REGISTRY, scope: "ghcr.io/acme/api" });
    assert.deepEqual(
      [claim.publisher, claim.scope, claim.chainId, claim.registry],
      [account.address, "ghcr.io/acme/api", 31337, REGISTRY],
    );
    assert.equal(
      await recoverTypedDataAddress({
        ...claimTypedData(31337, REGISTRY, account.address, "ghcr.io/acme/api"),
        signature: claim.signature,
      }),
      account.address,
    );
    const other = await signClaim(account, { chainId: 31337, registry: REGISTRY, scope: "ghcr.io/acme/web" });
    assert.notEqual(other.signature, claim.signature);
  });
});
