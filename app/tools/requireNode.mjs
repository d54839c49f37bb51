// Plain JavaScript on purpose: it must run on the Node a newcomer happens to have, before any
// `.ts` file is loaded. ImageSeal runs its TypeScript directly (type stripping), which Node
// does without flags from 22.18; an older Node fails with ERR_UNKNOWN_FILE_EXTENSION ".ts",
// which says nothing of the cause. `npm start`, `npm test` and the `imageseal` bin run this first.
import process from "node:process";
import { fileURLToPath } from "node:url";

export const REQUIRED_NODE = "22.18.0";

/**
 * The sentence to print when `version` ("v20.20.2", "22.18.0") cannot run ImageSeal; null when it can.
 * @param {string} version
 * @returns {string | null}
 */
export function nodeVersionProblem(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return null;
  return (
    `ImageSeal needs Node.js ${REQUIRED_NODE} or newer (it runs its TypeScript directly), and this is Node ${version.replace(/^v?/, "v")}. ` +
    `Install Node 22 (nvm install 22, or: npm i -g --prefix ~/.node22 node@22 && export PATH=~/.node22/bin:$PATH), then run the command again.`
  );
}

// Run directly (`node app/tools/requireNode.mjs`): exit 1 with the sentence when this Node is too old.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = nodeVersionProblem(process.version);
  if (problem !== null) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
