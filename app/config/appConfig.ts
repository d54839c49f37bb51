// The browser's view of the configuration: the validated build-time environment and
// the chains with an ImageRegistry. Built once at start-up by main.tsx.
import { type RegistryChain, registryChains } from "./chains.ts";
import { type AppEnv, parseEnv } from "./env.ts";

export interface AppConfig {
  env: AppEnv;
  chains: RegistryChain[];
}

export function loadAppConfig(raw: Record<string, string | boolean | undefined>): AppConfig {
  const env = parseEnv(raw);
  return { env, chains: registryChains(env) };
}
