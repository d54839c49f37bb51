// The browser's view of the configuration: the validated build-time environment and
// the chains with an ImageRegistry. Built once at start-up by main.tsx.
import { registryChains, type RegistryChain } from "./chains.ts";
import { parseEnv, type AppEnv } from "./env.ts";

export interface AppConfig {
  env: AppEnv;
  chains: RegistryChain[];
}

export function loadAppConfig(raw: Record<string, string | boolean | undefined>): AppConfig {
  const env = parseEnv(raw);
  return { env, chains: registryChains(env) };
}
