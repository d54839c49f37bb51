// How much JavaScript the Verify page loads before anything else: the entry script and
// every module it preloads, gzipped as a static host would serve them. Wallet code is
// lazy and must not be in this set. Usage: node app/tools/firstLoadSize.ts [dist]
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { itemAt } from "../image/util/itemAt.ts";

const dist = path.resolve(process.argv[2] ?? "dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const scripts = [
  ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g),
].map((match) => itemAt(match, 1));
if (scripts.length === 0) {
  console.error(`No entry script in ${path.join(dist, "index.html")}: run \`npm run build\` first.`);
  process.exit(1);
}
let raw = 0;
let gzipped = 0;
for (const script of scripts) {
  const bytes = readFileSync(path.join(dist, script));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`First load (Verify): ${scripts.length} JS files, ${kib(raw)} raw, ${kib(gzipped)} gzipped`);
