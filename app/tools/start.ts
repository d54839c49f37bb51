// `npm start`: a local chain, the ImageRegistry deployed to it, and the site in dev
// mode, as one process tree. Ctrl-C (or SIGTERM) stops every piece.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  deployRegistry,
  siteEnv,
  startChain,
  startOciRegistry,
  startSite,
  stopAll,
  whenAnyExits,
} from "./localStack.ts";

const CHAIN_PORT = 8545;
const SITE_PORT = Number(process.env.PORT ?? 5173);
// The OCI registry to try verify/publish by reference on: this port, or the next free one.
const OCI_REGISTRY_PORT = 5055;
// Hardhat's well-known first dev account: public knowledge, funded only on local nodes.
const DEV_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  stopAll();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
process.on("SIGHUP", () => shutdown(0));
// `npm start` killed without a signal reaching us (npm does not forward SIGTERM through
// its shell): we are re-parented, so stop too rather than leave the chain running.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) shutdown(0);
}, 500).unref();

try {
  const logDir = mkdtempSync(path.join(os.tmpdir(), "imageseal-"));
  const chainLog = path.join(logDir, "hardhat-node.log");
  console.log("Starting a local chain on 127.0.0.1:%d …", CHAIN_PORT);
  const chain = await startChain(CHAIN_PORT, chainLog);
  console.log("Deploying ImageRegistry …");
  const deployment = await deployRegistry(chain, path.join(logDir, "deploy.log"));
  console.log(`
  chain      ${chain.rpcUrl}  (chain id ${chain.chainId}; node log: ${chainLog})
  contract   ImageRegistry at ${deployment.address}
  wallet     add the network to MetaMask and import the dev account ${DEV_ACCOUNT}
             with its private key ${DEV_KEY} (public, local use only)
`);
  // Optional: a real OCI registry with the fixture in it, to verify and publish by reference.
  let tryReference: string | null = null;
  try {
    const oci = await startOciRegistry(OCI_REGISTRY_PORT, path.join(logDir, "oci-registry.log"));
    if (oci === null)
      console.log(
        "  registry   skipped: docker-registry is not installed (apt-get install docker-registry) — verify by reference needs a registry",
      );
    else {
      tryReference = oci.reference;
      console.log(`  registry   ${oci.registry.url}  (OCI distribution, CORS open; data: ${oci.registry.dataDir})`);
      console.log(
        oci.reference === null
          ? "             skopeo is not installed: nothing pushed (push an image with skopeo copy … docker://" +
              oci.registry.domain +
              "/…)"
          : `             try the reference ${oci.reference} on the Verify or Publish page`,
      );
    }
  } catch (error) {
    console.log(`  registry   skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
  const url = await startSite({ mode: "dev", port: SITE_PORT, env: siteEnv(chain, deployment), inherit: true });
  const tryLink =
    tryReference === null ? "" : `\n  Verify by reference: ${url}#/?ref=${encodeURIComponent(tryReference)}`;
  console.log(`\n  ImageSeal is at ${url}  — Ctrl-C stops the site, the chain and the registry.${tryLink}\n`);
  const label = await whenAnyExits();
  if (!stopping) {
    console.error(`npm start: the ${label} stopped on its own; stopping everything.`);
    shutdown(1);
  }
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1);
}
