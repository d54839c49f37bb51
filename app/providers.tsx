import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { AppConfigProvider } from "./config/AppConfigContext.tsx";
import type { AppConfig } from "./config/appConfig.ts";

// wagmi (loaded on demand, in the WalletScopes of the pages that need it) uses the same
// QueryClient as the wallet-free reads, so every scope sits below QueryClientProvider.
export function Providers({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <AppConfigProvider config={config}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AppConfigProvider>
  );
}
