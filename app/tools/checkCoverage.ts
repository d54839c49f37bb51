// Fails unless `hardhat test --coverage` covered every line of every contract under
// contracts/ (test-only Solidity excluded). Reads coverage/lcov.info.
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const LCOV = path.join(ROOT, "coverage", "lcov.info");

interface FileCoverage {
  file: string;
  found: number;
  hit: number;
  missed: number[];
}

function parseLcov(text: string): FileCoverage[] {
  const files: FileCoverage[] = [];
  let current: FileCoverage | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) current = { file: line.slice(3), found: 0, hit: 0, missed: [] };
    else if (line.startsWith("DA:") && current) {
      const [lineNo = "0", count = "0"] = line.slice(3).split(",");
      current.found += 1;
      if (Number(count) > 0) current.hit += 1;
      else current.missed.push(Number(lineNo));
    } else if (line === "end_of_record" && current) {
      files.push(current);
      current = null;
    }
  }
  return files;
}

const isProductionContract = (file: string) =>
  file.endsWith(".sol") && !file.endsWith(".t.sol") && !file.includes(`${path.sep}test${path.sep}`);
const files = parseLcov(readFileSync(LCOV, "utf8")).filter(({ file }) => isProductionContract(file));
if (files.length === 0) {
  console.error(`No contract coverage in ${path.relative(ROOT, LCOV)}`);
  process.exit(1);
}
let ok = true;
for (const { file, found, hit, missed } of files) {
  const percent = found === 0 ? 100 : (100 * hit) / found;
  console.log(`${path.relative(ROOT, path.resolve(ROOT, file))}: ${hit}/${found} lines (${percent.toFixed(2)}%)`);
  if (hit < found) {
    ok = false;
    console.error(`  uncovered lines: ${missed.join(", ")}`);
  }
}
if (!ok) {
  console.error("Contract line coverage must be 100%.");
  process.exit(1);
}
