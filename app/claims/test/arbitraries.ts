// Test-only: generators for names as docker writes them, built from distribution/reference's
// grammar directly (not from our parser), so properties compare the parser with the grammar.
import fc from "fast-check";
import { bytesToHex, getAddress } from "viem";

const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
const word = fc.string({ unit: alnum, minLength: 1, maxLength: 6 });
const separator = fc.constantFrom(".", "_", "__", "-", "--");

/** A repository path component: [a-z0-9]+ ((.|_|__|-+)[a-z0-9]+)*. */
export const pathComponent = fc
  .tuple(word, fc.array(fc.tuple(separator, word), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([sep, w]) => sep + w).join(""));

const label = fc.string({ unit: alnum, minLength: 1, maxLength: 8 });
const port = fc.integer({ min: 1, max: 65535 }).map(String);

/** A host docker reads as a registry: has a dot, or a port, or is localhost. Lower case. */
export const registryHost = fc.oneof(
  fc
    .tuple(label, fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(port))
    .map(([first, rest, p]) => `${[first, ...rest].join(".")}${p === null ? "" : `:${p}`}`),
  fc.tuple(label, port).map(([host, p]) => `${host}:${p}`),
  fc.option(port).map((p) => `localhost${p === null ? "" : `:${p}`}`),
  fc
    .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.option(port))
    .map(([a, b, c, p]) => `127.${a}.${b}.${c}${p === null ? "" : `:${p}`}`),
);

/** domain/path with 1..3 path components; never docker.io (its one-component paths gain library/). */
export const repository = fc
  .tuple(registryHost, fc.array(pathComponent, { minLength: 1, maxLength: 3 }))
  .filter(([host]) => host !== "docker.io" && host !== "index.docker.io")
  .map(([host, path]) => ({ domain: host, path: path.join("/"), repository: `${host}/${path.join("/")}` }));

export const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(bytesToHex(bytes)));
