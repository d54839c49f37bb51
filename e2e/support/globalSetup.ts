// One local stack for the whole e2e run, built the way `npm start` builds it but on
// ports of its own (so a running `npm start` does not collide) and served as a static
// build under a sub-path, as a static host or IPFS gateway would serve it.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildSite,
  deployRegistry,
  PROJECT_ROOT,
  siteEnv,
  startChain,
  startOciRegistry,
  startSite,
  stopAll,
  stopAllAndWait,
} from "../../app/tools/localStack.ts";

const CHAIN_PORT = 8645;
const SITE_PORT = 4273;
const SUB_PATH = "/imageseal/";
// The OCI registry's first choice (npm start's is 5055): the next free one when taken.
const OCI_REGISTRY_PORT = 5155;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const logDir = mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-"));
  try {
    const chain = await startChain(CHAIN_PORT, path.join(logDir, "hardhat-node.log"));
    const deployment = await deployRegistry(chain, path.join(logDir, "deploy.log"));
    const env = siteEnv(chain, deployment);
    const outDir = path.join(PROJECT_ROOT, "dist-e2e");
    // React's development build: the production one drops React's warnings (a state update
    // during another component's render, a missing key, …), and the specs fail on any console error.
    await buildSite({ ...env, NODE_ENV: "development" }, outDir);
    const siteUrl = await startSite({ mode: "preview", port: SITE_PORT, env, inherit: false, outDir, base: SUB_PATH });
    // A real OCI registry (CORS open), started as npm start starts it; specs that need it fail without it, saying what to install.
    const oci = await startOciRegistry(OCI_REGISTRY_PORT, path.join(logDir, "oci-registry.log"));
    if (oci !== null) {
      process.env.E2E_OCI_REGISTRY_URL = oci.registry.url;
      process.env.E2E_OCI_REGISTRY_DIR = oci.registry.dataDir;
    }
    // Read by the specs (Playwright passes globalSetup's environment to its workers).
    process.env.E2E_SITE_URL = siteUrl;
    process.env.E2E_RPC_URL = chain.rpcUrl;
    process.env.E2E_CHAIN_ID = String(chain.chainId);
    process.env.E2E_REGISTRY = deployment.address;
    process.env.E2E_LOG_DIR = logDir;
  } catch (error) {
    stopAll();
    throw error;
  }
  return stopAllAndWait;
}
