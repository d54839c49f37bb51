// The engine runs unchanged in a browser Web Worker and in Node: what the browser loads
// (the engine entry, the web pool and its worker) must reach no node: module, no React
// and no chain code. Checked on the import graph, so a stray import fails here, not in a
// browser later.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { itemAt } from "../util/itemAt.ts";

const ENGINE = fileURLToPath(new URL("../", import.meta.url));
const BROWSER_ENTRIES = [
  "inspectArchive.ts",
  "report.ts",
  "errors.ts",
  "digest.ts",
  "pool/webHashPool.ts",
  "pool/webHash.worker.ts",
];
const ALLOWED_PACKAGES = new Set(["hash-wasm"]);

/** Static imports, re-exports, dynamic imports and `new URL("./x.worker.ts", import.meta.url)` workers. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const pattern of [
    /(?:import|export)\s[^;]*?from\s*"([^"]+)"/g,
    /import\s*\(\s*"([^"]+)"\s*\)/g,
    /import\s*"([^"]+)"/g,
    /new URL\(\s*"([^"]+)",\s*import\.meta\.url\)/g,
  ]) {
    for (const match of source.matchAll(pattern)) found.push(itemAt(match, 1));
  }
  return found;
}

function browserGraph(): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const pending = BROWSER_ENTRIES.map((entry) => resolve(ENGINE, entry));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of specifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier));
      else packages.set(specifier, file);
    }
  }
  return { files, packages };
}

test("the browser's part of the engine imports only hash-wasm: no node:, no React, no chain code", () => {
  const { files, packages } = browserGraph();
  assert.ok(files.size > 30, `walked ${files.size} files`);
  for (const file of files) assert.ok(file.startsWith(ENGINE), `${file} is outside app/image`);
  const offending = [...packages]
    .filter(([name]) => !ALLOWED_PACKAGES.has(name))
    .map(([name, file]) => `${name} (from ${file.slice(ENGINE.length)})`);
  assert.deepEqual(offending, []);
});

test("the Node-only files stay out of the browser graph", () => {
  const { files } = browserGraph();
  for (const nodeOnly of [
    "source/nodeFileSource.ts",
    "hash/nodeSha256.ts",
    "pool/nodeHashPool.ts",
    "pool/nodeHash.worker.ts",
  ]) {
    assert.ok(!files.has(resolve(ENGINE, nodeOnly)), nodeOnly);
  }
});
