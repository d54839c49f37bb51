// Redraws results.md and chart.svg from a results.json (after changing how they are drawn,
// without running the benchmark again).
//
//   node app/bench/renderResults.ts [public/bench/results.json]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResults } from "./results/benchResults.ts";
import { renderChart } from "./results/renderChart.ts";
import { renderTable } from "./results/renderTable.ts";

const path = process.argv[2] ?? fileURLToPath(new URL("../../public/bench/results.json", import.meta.url));
const results = JSON.parse(readFileSync(path, "utf8")) as BenchResults;
writeFileSync(join(dirname(path), "results.md"), renderTable(results));
writeFileSync(join(dirname(path), "chart.svg"), renderChart(results));
console.log(renderTable(results));
