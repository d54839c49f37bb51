// Keeps the import graph clean (part of `npm test`): fails on import cycles among our own
// modules and on exported names that no other module imports.
//   node app/tools/checkImports.ts
//
// Cycles: a module in a cycle can run before what it imports is initialised, and neither side
// can be read, tested or split off alone. `import()` edges count: a lazily loaded module that
// imports its loader back (runVerify.ts reading verifyCommand.ts's usage text) ties the two
// together all the same. Type-only imports (`import type`) do not count: type stripping and
// Vite erase them, so they order nothing at run time, and forbidding them would push shared
// types into catch-all files instead of next to the code they describe.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { findCycles } from "./importGraph/findCycles.ts";
import { type DeadReason, findDeadExports, type ModuleExports, type NameUse } from "./importGraph/findDeadExports.ts";
import { type ModuleFacts, parseModule } from "./importGraph/parseModule.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SOURCE = /(?<!\.d)\.(?:ts|tsx|mts|mjs)$/;
const SKIPPED_FOLDERS = new Set(["node_modules", "generated", "dist", "dist-e2e", "artifacts", "cache", "coverage"]);

/** Loaded by a runner or a tool by name: their exports are for whoever loads them. */
const ENTRY_FILES = [
  "app/main.tsx",
  "app/cli/imageseal.ts",
  "app/cli/imageseal.mjs",
  "app/bench/runBench.ts",
  "hardhat.config.ts",
  "vite.config.ts",
  "e2e/playwright.config.ts",
];
const isEntryByName = (file: string) =>
  ENTRY_FILES.includes(file) ||
  /^app\/tools\/[^/]+$/.test(file) ||
  /\.(?:test|spec)\.tsx?$/.test(file) ||
  file.startsWith("contracts/ignition/");
const isTest = (file: string) => /\.(?:test|spec)\.tsx?$/.test(file);
const isTestSupport = (file: string) =>
  file.startsWith("e2e/") || file.startsWith("contracts/test/") || /(?:^|\/)(?:test|testdata)\//.test(file);

function sourceFiles(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const file = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith("."))
      sourceFiles(file, found);
    else if (entry.isFile() && (SOURCE.test(entry.name) || entry.name.endsWith(".html"))) found.push(file);
  }
  return found;
}

const files = [
  ...sourceFiles("app"),
  ...sourceFiles("e2e"),
  ...sourceFiles("contracts"),
  ...readdirSync(ROOT).filter((name) => SOURCE.test(name)),
];
const modules = new Set(files.filter((file) => SOURCE.test(file)));
const facts = new Map<string, ModuleFacts>();
for (const file of modules) facts.set(file, parseModule(file, readFileSync(path.join(ROOT, file), "utf8")));

/** A project file named relative to `from`'s folder (from "package.json": to the root), if any. */
function resolveFrom(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return modules.has(specifier) ? specifier : undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return modules.has(target) ? target : undefined;
}

// Also entries: what a string path loads, as found in package.json's scripts, the HTML pages'
// <script src>, `import()` targets (the lazy wallet chunk, lazy pages) and any string literal
// naming a source file (workers' `new URL("./x.worker.ts", import.meta.url)`, globalSetup).
const entries = new Set([...modules].filter(isEntryByName));
const scripts = Object.values(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as object);
for (const word of scripts.join(" ").split(/\s+/)) if (modules.has(word)) entries.add(word);
for (const page of files.filter((file) => file.endsWith(".html"))) {
  for (const [, src] of readFileSync(path.join(ROOT, page), "utf8").matchAll(/src="([^"]+)"/g)) {
    const target = src?.startsWith("/") ? resolveFrom("package.json", `.${src}`) : resolveFrom(page, src ?? "");
    if (target) entries.add(target);
  }
}

const graph = new Map<string, Set<string>>();
const uses: NameUse[] = [];
for (const [file, { imports, pathStrings }] of facts) {
  const targets = new Set<string>();
  graph.set(file, targets);
  for (const edge of imports) {
    const target = resolveFrom(file, edge.specifier);
    if (!target) continue; // a package, or a file outside the checked tree (generated code); tsc checks those
    uses.push({ from: file, target, names: edge.names, fromTest: isTest(file) });
    if (edge.dynamic) entries.add(target);
    if (!edge.typeOnly) targets.add(target);
  }
  for (const text of pathStrings) {
    const target = resolveFrom(file, text) ?? resolveFrom("package.json", `./${text}`);
    if (target) entries.add(target);
  }
}

const cycles = findCycles(graph);
const exported: ModuleExports[] = [...facts].map(([file, { exports }]) => ({
  file,
  exports,
  entry: entries.has(file),
  testSupport: isTestSupport(file),
}));
const dead = findDeadExports(exported, uses);

const ADVICE: Record<DeadReason, string> = {
  unused: "nothing uses it: delete it",
  onlyInOwnFile: "used only in its own file: drop `export`",
  onlyTests: "only tests import it: delete it with its test, or use it",
};
for (const cycle of cycles) console.error(`import cycle: ${cycle.join(" → ")}`);
for (const { file, name, line, reason } of dead)
  console.error(`dead export: ${file}:${line} ${name} — ${ADVICE[reason]}`);
if (cycles.length + dead.length > 0) {
  console.error(`checkImports: ${cycles.length} import cycle(s), ${dead.length} dead export(s)`);
  process.exit(1);
}
console.log(`checkImports: ${modules.size} modules, no import cycles, no dead exports`);
