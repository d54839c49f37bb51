// Which arguments are files and which are image references.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { RegistryError } from "../../registry/errors.ts";
import { parseImageReference } from "../../registry/reference.ts";
import { classifyTarget } from "./verifyTarget.ts";

const none = () => false;
const kindOf = (argument: string, exists: (path: string) => boolean = none) =>
  classifyTarget(argument, false, exists).kind;

test("an existing path is a file, even when it also parses as a reference", () => {
  assert.deepEqual(
    classifyTarget("nginx", false, (path) => path === "nginx"),
    { kind: "file", path: "nginx" },
  );
});

test("--reference makes it a reference even when a file has that name", () => {
  const target = classifyTarget("nginx", true, () => true);
  assert.equal(target.kind, "reference");
  assert.equal(target.kind === "reference" ? target.reference.name : null, "docker.io/library/nginx:latest");
});

test("a missing path that parses as a reference is a reference, normalized as docker reads it", () => {
  const target = classifyTarget("127.0.0.1:5055/fixture/multi:2.0", false, none);
  assert.deepEqual(target, { kind: "reference", reference: parseImageReference("127.0.0.1:5055/fixture/multi:2.0") });
  assert.equal(kindOf(`ghcr.io/acme/api@sha256:${"a".repeat(64)}`), "reference");
});

test('archive-like names stay files (a mistyped path says "cannot open") unless a registry host comes first', () => {
  assert.equal(kindOf("app.tar"), "file");
  assert.equal(kindOf("images/app.tar.gz"), "file");
  assert.equal(kindOf("/tmp/missing.tar"), "file");
  assert.equal(kindOf("./app"), "file");
  assert.equal(kindOf("registry.acme.com/tools/app.tar"), "reference");
  assert.equal(kindOf("localhost/app.json"), "reference");
});

test("--reference with text that is not a reference throws the registry's bad-reference error", () => {
  assert.throws(
    () => classifyTarget("Not A Reference", true),
    (error: unknown) => error instanceof RegistryError && error.code === "bad-reference",
  );
});

test("without --reference it never throws, and is a reference only where parseImageReference accepts the text", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9.:/@_-]{1,40}$/)), (text) => {
      const target = classifyTarget(text, false, none);
      if (target.kind === "reference") assert.deepEqual(target.reference, parseImageReference(text));
      else assert.equal(target.path, text);
    }),
  );
});
