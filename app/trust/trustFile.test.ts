import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ANY_NAME,
  mergePins,
  mergeScopes,
  parseScope,
  parseTrustList,
  serializeTrustFile,
  TrustFileError,
  type TrustPin,
  trustOf,
} from "./trustFile.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const pins: TrustPin[] = [
  { name: "docker.io/acme/api:1.0", publisher: ALICE, addedAt: 1 },
  { name: ANY_NAME, publisher: BOB, addedAt: 2 },
];

describe("trust file", () => {
  it("round-trips through its file format", () => {
    assert.deepEqual(parseTrustList(serializeTrustFile(pins)).pins, pins);
  });

  it("normalizes addresses to their checksummed form", () => {
    const text = JSON.stringify({
      format: "imageseal-trust/1",
      pins: [{ name: "x", publisher: ALICE.toLowerCase(), addedAt: 5 }],
    });
    assert.equal(parseTrustList(text).pins[0]?.publisher, ALICE);
  });

  it("says what is wrong with a file that is not a trust list", () => {
    assert.throws(() => parseTrustList("{"), new TrustFileError("the file is not JSON"));
    assert.throws(() => parseTrustList('{"pins":[]}'), /not an ImageSeal trust list/);
    assert.throws(() => parseTrustList('{"format":"imageseal-trust/1"}'), /no list of pins/);
    assert.throws(
      () => parseTrustList('{"format":"imageseal-trust/1","pins":[{"name":"x","publisher":"0x12"}]}'),
      /pin 1 has no valid publisher/,
    );
    assert.throws(
      () => parseTrustList(`{"format":"imageseal-trust/1","pins":[{"name":" ","publisher":"${ALICE}"}]}`),
      /pin 1 has no valid name/,
    );
  });
});

describe("trustOf", () => {
  it("trusts link publishers and '*' pins for any name, other pins for their name only", () => {
    const link = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    assert.deepEqual(trustOf(pins, [link]), {
      publishers: [link, BOB],
      pins: [{ name: "docker.io/acme/api:1.0", publisher: ALICE }],
      namespaces: [],
    });
  });

  it("lists a publisher once, checksummed, whatever the letter case", () => {
    assert.deepEqual(trustOf(pins, [BOB.toLowerCase() as `0x${string}`]).publishers, [BOB]);
  });
});

describe("mergePins", () => {
  it("adds only pins that are new", () => {
    const incoming: TrustPin[] = [
      { name: ANY_NAME, publisher: BOB, addedAt: 9 },
      { name: "ghcr.io/a/b:2", publisher: ALICE, addedAt: 9 },
    ];
    assert.deepEqual(mergePins(pins, incoming), [...pins, { name: "ghcr.io/a/b:2", publisher: ALICE, addedAt: 9 }]);
  });

  it("keeps trusted scopes, normalized, and reads lists written before scopes existed", () => {
    const scopes = [
      { scope: "ghcr.io/acme", addedAt: 3 },
      { scope: "127.0.0.1:5055/fixture/multi", addedAt: 4 },
    ];
    assert.deepEqual(parseTrustList(serializeTrustFile(pins, scopes)), { pins, scopes });
    assert.deepEqual(parseTrustList(serializeTrustFile(pins)), { pins, scopes: [] });
    assert.equal(serializeTrustFile(pins), serializeTrustFile(pins, []), "a list without scopes is written as before");
    assert.equal(parseScope(" GHCR.io/acme "), "ghcr.io/acme");
    assert.equal(parseScope("acme/api"), "docker.io/acme/api");
  });

  it("refuses a scope that is neither a repository, a namespace nor a host, saying what it expected", () => {
    for (const text of ["", "ghcr.io/Acme Corp", "https://ghcr.io/acme", "ghcr.io/acme/api:1.0"]) {
      assert.throws(
        () => parseScope(text),
        (error: unknown) =>
          error instanceof TrustFileError &&
          /is not a repository \(ghcr\.io\/acme\/api\), a namespace \(ghcr\.io\/acme\) or a host/.test(error.message),
        text,
      );
    }
    const bad = JSON.stringify({
      format: "imageseal-trust/1",
      pins: [],
      scopes: [{ scope: "not a scope", addedAt: 1 }],
    });
    assert.throws(() => parseTrustList(bad), TrustFileError);
  });

  it("gives the verdict the trusted scopes as namespaces, and merges scopes without repeats", () => {
    assert.deepEqual(trustOf(pins, [], [{ scope: "ghcr.io/acme", addedAt: 1 }]).namespaces, ["ghcr.io/acme"]);
    assert.deepEqual(
      mergeScopes(
        [{ scope: "a.io/x", addedAt: 1 }],
        [
          { scope: "a.io/x", addedAt: 2 },
          { scope: "b.io", addedAt: 3 },
        ],
      ),
      [
        { scope: "a.io/x", addedAt: 1 },
        { scope: "b.io", addedAt: 3 },
      ],
    );
  });
});
