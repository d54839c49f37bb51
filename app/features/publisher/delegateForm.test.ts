import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { getAddress, isAddress } from "viem";
import { checkDelegateAddress, checkExpiry, checkNamePrefix, prefixWarning } from "./delegateForm.ts";

const PUBLISHER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const DELEGATE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const NOW = 1_800_000_000;

describe("checkDelegateAddress", () => {
  test("accepts the checksummed and the all-lowercase spelling, and returns the checksummed one", () => {
    assert.deepEqual(checkDelegateAddress(` ${DELEGATE} `, PUBLISHER), { ok: true, value: DELEGATE });
    assert.deepEqual(checkDelegateAddress(DELEGATE.toLowerCase(), PUBLISHER), { ok: true, value: DELEGATE });
  });

  test("refuses a short address, a wrong checksum, zero and the publisher itself, each in its own words", () => {
    assert.equal(checkDelegateAddress(DELEGATE.slice(0, 41), PUBLISHER).ok, false);
    const typo = `${DELEGATE.slice(0, 41)}${DELEGATE.at(-1) === "8" ? "9" : "8"}`;
    assert.deepEqual(checkDelegateAddress(typo, PUBLISHER), {
      ok: false,
      problem:
        "This address's upper and lower case letters do not match its checksum (EIP-55): a digit is probably mistyped. Copy the address again.",
    });
    assert.deepEqual(checkDelegateAddress(`0x${"0".repeat(40)}`, PUBLISHER), {
      ok: false,
      problem: "The zero address cannot be a delegate.",
    });
    assert.deepEqual(checkDelegateAddress(PUBLISHER.toLowerCase(), PUBLISHER), {
      ok: false,
      problem: "This is your own address: you publish under every name already.",
    });
  });

  test("agrees with viem's strict isAddress on any text (the reference for EIP-55)", () => {
    const hex = fc.stringMatching(/^0x[0-9a-fA-F]{38,42}$/);
    fc.assert(
      fc.property(fc.oneof(hex, fc.string()), (text) => {
        const checked = checkDelegateAddress(text, PUBLISHER);
        const reference =
          isAddress(text, { strict: true }) &&
          /^0x[0-9a-fA-F]{40}$/.test(text) &&
          !/^0x0{40}$/.test(text) &&
          getAddress(text) !== PUBLISHER;
        assert.equal(checked.ok, reference, text);
        if (checked.ok) assert.equal(checked.value, getAddress(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the name prefix", () => {
  test("warns when the prefix does not end with / or :, naming what else it covers", () => {
    assert.equal(prefixWarning("docker.io/acme/"), null);
    assert.equal(prefixWarning("docker.io/acme/api:"), null);
    assert.equal(
      prefixWarning("ghcr.io/acme"),
      "“ghcr.io/acme” does not end with “/” or “:”, so it also covers names such as “ghcr.io/acme-evil/…” or “ghcr.io/acmex”. End it with “/” (a repository path) or “:” (the tags of one repository) unless you mean that.",
    );
    assert.equal(prefixWarning(""), "An empty prefix lets this key publish under every name, as you.");
  });

  test("refuses hidden characters and more than 255 bytes", () => {
    assert.equal(checkNamePrefix("docker.io/\u202eacme/").ok, false);
    assert.equal(checkNamePrefix("é".repeat(128)).ok, false);
    assert.deepEqual(checkNamePrefix("a".repeat(255)), { ok: true, value: "a".repeat(255) });
  });
});

describe("checkExpiry", () => {
  test("in N days is N × 86,400 seconds from now", () => {
    assert.deepEqual(checkExpiry({ kind: "days", days: "30" }, NOW), { ok: true, value: NOW + 30 * 86_400 });
    assert.equal(checkExpiry({ kind: "days", days: "0" }, NOW).ok, false);
    assert.equal(checkExpiry({ kind: "days", days: "1.5" }, NOW).ok, false);
    assert.equal(checkExpiry({ kind: "days", days: "" }, NOW).ok, false);
  });

  test("a date and time is read in the local time zone, and must be in the future and before 2106", () => {
    const local = new Date(2027, 0, 31, 18, 0, 0);
    assert.deepEqual(checkExpiry({ kind: "date", local: "2027-01-31T18:00" }, NOW), {
      ok: true,
      value: local.getTime() / 1000,
    });
    assert.deepEqual(checkExpiry({ kind: "date", local: "2020-01-01T00:00" }, NOW), {
      ok: false,
      problem: "The expiry must be in the future.",
    });
    assert.deepEqual(checkExpiry({ kind: "date", local: "2027-02-31T12:00" }, NOW), {
      ok: false,
      problem: "This date does not exist (or this time is skipped by a clock change).",
    });
    assert.deepEqual(checkExpiry({ kind: "date", local: "2107-01-01T00:00" }, NOW), {
      ok: false,
      problem: "The registry stores expiries until 2106-02-07; choose an earlier one.",
    });
    assert.deepEqual(checkExpiry({ kind: "date", local: "" }, NOW), {
      ok: false,
      problem: "Choose a date and a time.",
    });
  });
});
