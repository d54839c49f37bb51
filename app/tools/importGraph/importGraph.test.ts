import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findCycles } from "./findCycles.ts";
import { findDeadExports, type ModuleExports } from "./findDeadExports.ts";
import { parseModule } from "./parseModule.ts";

const graphOf = (edges: Record<string, string[]>) =>
  new Map(Object.entries(edges).map(([module, targets]) => [module, new Set(targets)]));

describe("findCycles", () => {
  test("finds a three-module cycle and shows it as one loop", () => {
    const graph = graphOf({ "a.ts": ["b.ts"], "b.ts": ["c.ts"], "c.ts": ["a.ts", "d.ts"], "d.ts": [] });
    assert.deepEqual(findCycles(graph), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });

  test("finds a module that imports itself", () => {
    assert.deepEqual(findCycles(graphOf({ "a.ts": ["a.ts"] })), [["a.ts", "a.ts"]]);
  });

  test("reports no cycle for a diamond, where two paths meet without looping", () => {
    const graph = graphOf({ "a.ts": ["b.ts", "c.ts"], "b.ts": ["d.ts"], "c.ts": ["d.ts"], "d.ts": [] });
    assert.deepEqual(findCycles(graph), []);
  });

  test("reports two separate cycles separately, sorted", () => {
    const graph = graphOf({ "x.ts": ["y.ts"], "y.ts": ["x.ts"], "a.ts": ["b.ts"], "b.ts": ["a.ts", "x.ts"] });
    assert.deepEqual(findCycles(graph), [
      ["a.ts", "b.ts", "a.ts"],
      ["x.ts", "y.ts", "x.ts"],
    ]);
  });
});

describe("parseModule", () => {
  test("reads named, default, namespace, type-only, re-exported and dynamic imports", () => {
    const { imports } = parseModule(
      "m.ts",
      `import d, { a, b as c } from "./x.ts";
       import * as all from "./y.ts";
       import type { T } from "./t.ts";
       export { r } from "./r.ts";
       const lazy = () => import("./lazy.ts");`,
    );
    assert.deepEqual(imports, [
      { specifier: "./x.ts", names: ["default", "a", "b"], typeOnly: false, dynamic: false },
      { specifier: "./y.ts", names: "*", typeOnly: false, dynamic: false },
      { specifier: "./t.ts", names: ["T"], typeOnly: true, dynamic: false },
      { specifier: "./r.ts", names: ["r"], typeOnly: false, dynamic: false },
      { specifier: "./lazy.ts", names: "*", typeOnly: false, dynamic: true },
    ]);
  });

  test("tells an export its own file uses from one only declared", () => {
    const { exports, pathStrings } = parseModule(
      "m.ts",
      `export const used = 1;
       export function unused() { return { used: 2 }.used; }
       export interface Shape { x: number }
       export const shaped: Shape = { x: used };
       const worker = new URL("./w.worker.ts", import.meta.url);`,
    );
    assert.deepEqual(
      exports.map(({ name, usedLocally }) => [name, usedLocally]),
      [
        ["used", true],
        ["unused", false],
        ["Shape", true],
        ["shaped", false],
      ],
    );
    assert.deepEqual(pathStrings, ["./w.worker.ts"]);
  });

  test("reads renamed and default exports by the name importers use", () => {
    const { exports } = parseModule(
      "m.tsx",
      `const inner = 1;
       const twice = inner * 2;
       const alone = 3;
       export { inner as outer, alone };
       export default function Page() { return <p>{twice}</p>; }`,
    );
    assert.deepEqual(
      exports.map(({ name, usedLocally }) => [name, usedLocally]),
      [
        ["outer", true],
        ["alone", false],
        ["default", false],
      ],
    );
  });
});

describe("findDeadExports", () => {
  const module = (file: string, names: [string, boolean][], extra: Partial<ModuleExports> = {}): ModuleExports => ({
    file,
    exports: names.map(([name, usedLocally], index) => ({ name, line: index + 1, usedLocally })),
    entry: false,
    testSupport: false,
    ...extra,
  });

  test("does not report a name another module imports", () => {
    const dead = findDeadExports(
      [module("lib.ts", [["parse", false]])],
      [{ from: "app.ts", target: "lib.ts", names: ["parse"], fromTest: false }],
    );
    assert.deepEqual(dead, []);
  });

  test("reports an unimported name: delete when its file does not use it, un-export when it does", () => {
    const dead = findDeadExports(
      [
        module("lib.ts", [
          ["parse", false],
          ["helper", true],
          ["old", false],
        ]),
      ],
      [{ from: "app.ts", target: "lib.ts", names: ["parse"], fromTest: false }],
    );
    assert.deepEqual(dead, [
      { file: "lib.ts", name: "helper", line: 2, reason: "onlyInOwnFile" },
      { file: "lib.ts", name: "old", line: 3, reason: "unused" },
    ]);
  });

  test("a name only a test imports is dead unless its module uses it or is test support", () => {
    const uses = [
      { from: "lib.test.ts", target: "lib.ts", names: ["seam", "leftover"], fromTest: true },
      { from: "lib.test.ts", target: "test/builders.ts", names: ["build"], fromTest: true },
    ];
    const dead = findDeadExports(
      [
        module("lib.ts", [
          ["seam", true],
          ["leftover", false],
        ]),
        module("test/builders.ts", [["build", false]], { testSupport: true }),
      ],
      uses,
    );
    assert.deepEqual(dead, [{ file: "lib.ts", name: "leftover", line: 2, reason: "onlyTests" }]);
  });

  test("a namespace import uses every name, and an entry point's exports are never reported", () => {
    const dead = findDeadExports(
      [module("lib.ts", [["a", false]]), module("main.ts", [["start", false]], { entry: true })],
      [{ from: "app.ts", target: "lib.ts", names: "*", fromTest: false }],
    );
    assert.deepEqual(dead, []);
  });
});
