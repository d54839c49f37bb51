import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { AppConfig } from "./config/appConfig.ts";
import { AppConfigProvider } from "./config/AppConfigContext.tsx";
import { WalletBoundary } from "./wallet/WalletBoundary.tsx";

// Order matters: wagmi (inside WalletBoundary, loaded on demand) uses the same
// QueryClient as the wallet-free reads, so it must sit below QueryClientProvider.
export function Providers({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <AppConfigProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <WalletBoundary>{children}</WalletBoundary>
      </QueryClientProvider>
    </AppConfigProvider>
  );
}
