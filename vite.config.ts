import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";
import { registryChains } from "./app/config/chains.ts";
import { type AppEnv, parseEnv } from "./app/config/env.ts";

// WalletConnect's relay and explorer, contacted only when a project id is configured.
const WALLETCONNECT_ORIGINS = [
  "https://*.walletconnect.com",
  "https://*.walletconnect.org",
  "wss://*.walletconnect.com",
  "wss://*.walletconnect.org",
];

// Verify/publish by reference and claim checks read from whatever registry or domain the user
// names (and the registry's token service, often on another host: auth.docker.io), so any https
// origin, and plain http only on this machine (as docker allows for local registries). Nothing
// is uploaded but what the user pushes on purpose (a claim artifact, to its own repository).
const REGISTRY_ORIGINS = ["https:", "http://127.0.0.1:*", "http://localhost:*"];

/**
 * The Content-Security-Policy of the built site. The third parties it may talk to are the
 * configured chains' RPC endpoints (and WalletConnect when enabled), and container registries
 * and domains for references and claims (REGISTRY_ORIGINS);
 * `wasm-unsafe-eval` lets hash-wasm compile its WebAssembly and nothing else.
 * A <meta> tag, because static hosts (IPFS gateways included) cannot set headers.
 */
function contentSecurityPolicy(env: AppEnv): string {
  const rpcOrigins = registryChains(env).map(({ rpcUrl }) => new URL(rpcUrl).origin);
  const connect = new Set([
    "'self'",
    ...rpcOrigins,
    ...REGISTRY_ORIGINS,
    ...(env.walletConnectProjectId ? WALLETCONNECT_ORIGINS : []),
  ]);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src ${[...connect].join(" ")}`,
    // RainbowKit styles its modal with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

function cspPlugin(env: AppEnv): Plugin {
  return {
    name: "imageseal-csp",
    // Dev mode injects inline scripts for hot reload, so the policy guards the build only.
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy(env) },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig(({ mode }) => {
  // loadEnv merges .env files with the process environment (which wins).
  const env = parseEnv(loadEnv(mode, process.cwd(), "VITE_"));
  return {
    root: "app",
    publicDir: "../public",
    // Relative asset URLs: the build works from any static host and any sub-path (IPFS too).
    base: "./",
    envDir: "..",
    plugins: [react(), cspPlugin(env)],
    build: {
      outDir: "../dist",
      emptyOutDir: true,
      target: "es2022",
    },
    worker: { format: "es" },
    server: { host: "127.0.0.1" },
  };
});
