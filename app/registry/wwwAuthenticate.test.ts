import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { itemAt } from "../image/util/itemAt.ts";
import { RegistryError } from "./errors.ts";
import { type AuthChallenge, parseWwwAuthenticate } from "./wwwAuthenticate.ts";

// The reference: distribution's own client parser (registry/client/auth/challenge/authchallenge.go,
// parseValueAndParams), ported line by line. It reads one challenge per header line, no
// spaces around "=", and stops at the first thing it does not understand.
function goParseValueAndParams(header: string): { scheme: string; params: Record<string, string> } {
  const isToken = (c: string | undefined) => c !== undefined && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(c);
  const skipSpace = (s: string) => s.replace(/^[ \t]+/, "");
  const expectToken = (s: string): [string, string] => {
    let i = 0;
    while (i < s.length && isToken(s[i])) i++;
    return [s.slice(0, i), s.slice(i)];
  };
  const expectTokenOrQuoted = (s: string): [string, string] => {
    if (!s.startsWith('"')) return expectToken(s);
    let value = "";
    for (let i = 1; i < s.length; i++) {
      const c = itemAt(s, i);
      if (c === '"') return [value, s.slice(i + 1)];
      if (c === "\\") {
        i++;
        if (i >= s.length) return ["", ""];
        value += s[i];
      } else value += c;
    }
    return ["", ""];
  };
  const params: Record<string, string> = {};
  let [scheme, s] = expectToken(header);
  if (scheme === "") return { scheme, params };
  scheme = scheme.toLowerCase();
  s = `,${skipSpace(s)}`;
  while (s.startsWith(",")) {
    let key: string;
    [key, s] = expectToken(skipSpace(s.slice(1)));
    if (key === "" || !s.startsWith("=")) break;
    let value: string;
    [value, s] = expectTokenOrQuoted(s.slice(1));
    if (value === "") break;
    params[key.toLowerCase()] = value;
    s = skipSpace(s);
  }
  return { scheme, params };
}

const tokenChars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const token = fc.array(fc.constantFrom(...tokenChars), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(""));
const quotedText = fc.string({
  unit: fc.constantFrom(..." \t!#$%&'()*+,-./:;<=>?@[]^_`{|}~azAZ09\"\\é".split("")),
  minLength: 1,
  maxLength: 20,
});
const ows = fc.constantFrom("", " ", "  ", "\t");

interface Param {
  name: string;
  value: string;
  /** Written as a quoted-string (forced when the value is not a token). */
  quoted: boolean;
}
const paramList = fc.uniqueArray(fc.record({ name: token, value: fc.oneof(token, quotedText), quoted: fc.boolean() }), {
  selector: (p: Param) => p.name.toLowerCase(),
  minLength: 0,
  maxLength: 5,
});

function writeValue(p: Param): string {
  const needsQuotes = p.quoted || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p.value);
  return needsQuotes ? `"${p.value.replace(/[\\"]/g, (c) => `\\${c}`)}"` : p.value;
}
function expected(scheme: string, params: Param[]): AuthChallenge {
  return {
    scheme: scheme.toLowerCase(),
    params: Object.fromEntries(params.map((p) => [p.name.toLowerCase(), p.value])),
  };
}

describe("parseWwwAuthenticate", () => {
  it("reads real registries' challenges", () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
      [
        {
          scheme: "bearer",
          params: {
            realm: "https://auth.docker.io/token",
            service: "registry.docker.io",
            scope: "repository:library/nginx:pull",
          },
        },
      ],
    );
    assert.deepEqual(
      parseWwwAuthenticate('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/api:pull"'),
      [
        {
          scheme: "bearer",
          params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:acme/api:pull" },
        },
      ],
    );
    // distribution 2.8 (token mode) after a push without rights, with error= and two actions in one quoted scope.
    assert.deepEqual(
      parseWwwAuthenticate(
        'Bearer realm="http://127.0.0.1:5057/token",service="test-registry",scope="repository:fixture/multi:pull,push",error="insufficient_scope"',
      ),
      [
        {
          scheme: "bearer",
          params: {
            realm: "http://127.0.0.1:5057/token",
            service: "test-registry",
            scope: "repository:fixture/multi:pull,push",
            error: "insufficient_scope",
          },
        },
      ],
    );
    assert.deepEqual(parseWwwAuthenticate('Basic realm="test-realm"'), [
      { scheme: "basic", params: { realm: "test-realm" } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://quay.io/v2/auth",service="quay.io"'), [
      { scheme: "bearer", params: { realm: "https://quay.io/v2/auth", service: "quay.io" } },
    ]);
    assert.deepEqual(
      parseWwwAuthenticate(
        'Basic realm="https://012345678910.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com"',
      ),
      [
        {
          scheme: "basic",
          params: { realm: "https://012345678910.dkr.ecr.us-east-1.amazonaws.com/", service: "ecr.amazonaws.com" },
        },
      ],
    );
  });

  it("splits two header lines that fetch joined with a comma", () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://a/token",service="a", Basic realm="b"'), [
      { scheme: "bearer", params: { realm: "https://a/token", service: "a" } },
      { scheme: "basic", params: { realm: "b" } },
    ]);
  });

  it("reads a token68 challenge followed by another", () => {
    assert.deepEqual(parseWwwAuthenticate("Negotiate abc+/9==, Basic realm=x"), [
      { scheme: "negotiate", params: {}, token68: "abc+/9==" },
      { scheme: "basic", params: { realm: "x" } },
    ]);
  });

  it("refuses text that is not a challenge list with a bad-response error", () => {
    for (const header of [
      'Bearer realm="unterminated',
      "Bearer realm=",
      'Bearer realm=a"b"',
      "=x",
      'Bearer realm="a" service="b"',
    ]) {
      assert.throws(
        () => parseWwwAuthenticate(header),
        (error: unknown) => error instanceof RegistryError && error.code === "bad-response",
        header,
      );
    }
  });

  it("reads any generated challenge list back to its parts (whitespace, case, quoting, escapes)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(token, paramList, ows, ows), { minLength: 1, maxLength: 4 }), (challenges) => {
        const header = challenges
          .map(
            ([scheme, params, space, around]) =>
              `${scheme}${params.length > 0 ? " " : ""}${params.map((p) => `${p.name}${around}=${around}${writeValue(p)}`).join(`${space},${space}`)}`,
          )
          .join(", ");
        // Two schemes in a row without params would read as a token68: keep only lists the grammar makes unambiguous.
        fc.pre(challenges.slice(0, -1).every(([, params]) => params.length > 0));
        assert.deepEqual(
          parseWwwAuthenticate(header),
          challenges.map(([scheme, params]) => expected(scheme, params)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with distribution's own parser on every single challenge it reads", () => {
    fc.assert(
      fc.property(token, paramList, ows, (scheme, params, space) => {
        const header =
          `${scheme} ${params.map((p) => `${p.name}=${writeValue(p)}`).join(`${space},${space}`)}`.trimEnd();
        const [ours] = parseWwwAuthenticate(header);
        assert.deepEqual({ scheme: ours?.scheme, params: ours?.params }, goParseValueAndParams(header));
      }),
      { numRuns: 2000 },
    );
  });
});
