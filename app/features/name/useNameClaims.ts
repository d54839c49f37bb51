import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RegistryChain } from "../../config/chains.ts";
import { nameClaimsQuery, type ScanProgress } from "./nameClaimsQuery.ts";

/** The name's publishers, and how far the scan of the registry's logs has got while it runs. */
export function useNameClaims(registryChain: RegistryChain, name: string) {
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const claims = useQuery(nameClaimsQuery(registryChain, name, setProgress));
  return { claims, progress };
}
