import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

// solc cannot be downloaded on every machine we build on, so we compile with the
// wasm build shipped in the `solc` npm package. `version` is only a label then:
// keep it equal to the pinned package version in package.json.
const require = createRequire(import.meta.url);
const SOLC_VERSION: string = require("solc/package.json").version;
const SOLC_PATH = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  paths: {
    sources: "./contracts",
    // Deployment modules and their journals (deployments/) live beside the contracts they deploy.
    ignition: "./contracts/ignition",
    tests: {
      solidity: "./contracts",
      nodejs: "./contracts/test",
    },
  },
  solidity: {
    version: SOLC_VERSION,
    path: SOLC_PATH,
    settings: {
      // cancun: every public EVM chain we target (mainnet, Sepolia, the major L2s) runs it.
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  networks: {
    // The chain `npm start` runs and the e2e tests use (chain id 31337).
    localhost: {
      type: "http",
      chainType: "l1",
      // app/tools/localStack.ts points this at the node it started (npm start, e2e).
      url: process.env.HARDHAT_LOCALHOST_URL ?? "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
