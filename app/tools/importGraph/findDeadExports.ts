// Dead exports: exported names that no other module imports. An entry point's exports are
// used by whoever loads it (a runner, a bundler, a string path), so they are never reported.
import type { ExportedName } from "./parseModule.ts";

export interface ModuleExports {
  file: string;
  exports: readonly ExportedName[];
  /** Loaded by a tool, a runner or a string path rather than by an import we can see. */
  entry: boolean;
  /** Test support (e2e/, contracts/test/, test/ folders): its users are tests, so tests count. */
  testSupport: boolean;
}

export interface NameUse {
  from: string;
  target: string;
  names: readonly string[] | "*";
  fromTest: boolean;
}

export type DeadReason = "unused" | "onlyInOwnFile" | "onlyTests";

interface DeadExport {
  file: string;
  name: string;
  line: number;
  reason: DeadReason;
}

/**
 * A name counts as used when a module that is not a test imports it. A name only tests import
 * is still dead (code kept alive by its own test), unless it is the module's tested API: its own
 * module uses it too (a unit tested directly), or the module is test support.
 */
export function findDeadExports(modules: readonly ModuleExports[], uses: readonly NameUse[]): DeadExport[] {
  const usedBy = new Map<string, { code: boolean; tests: boolean }>();
  const wholeModule = new Map<string, { code: boolean; tests: boolean }>();
  const mark = (map: typeof usedBy, key: string, fromTest: boolean) => {
    const seen = map.get(key) ?? { code: false, tests: false };
    if (fromTest) seen.tests = true;
    else seen.code = true;
    map.set(key, seen);
  };
  for (const use of uses) {
    if (use.from === use.target) continue;
    if (use.names === "*") mark(wholeModule, use.target, use.fromTest);
    else for (const name of use.names) mark(usedBy, `${use.target}\0${name}`, use.fromTest);
  }

  const dead: DeadExport[] = [];
  for (const module of modules) {
    if (module.entry) continue;
    const whole = wholeModule.get(module.file);
    for (const { name, line, usedLocally } of module.exports) {
      const named = usedBy.get(`${module.file}\0${name}`);
      const code = (named?.code ?? false) || (whole?.code ?? false);
      const tests = (named?.tests ?? false) || (whole?.tests ?? false);
      if (code) continue;
      if (tests && (module.testSupport || usedLocally)) continue;
      const reason: DeadReason = tests ? "onlyTests" : usedLocally ? "onlyInOwnFile" : "unused";
      dead.push({ file: module.file, name, line, reason });
    }
  }
  return dead.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
