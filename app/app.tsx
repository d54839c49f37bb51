import { lazy, Suspense, type ReactNode } from "react";
import { TrustPage } from "./features/trust/TrustPage.tsx";
import { VerifyPage } from "./features/verify/VerifyPage.tsx";
import type { Route } from "./routing/route.ts";
import { useLocation } from "./routing/useLocation.ts";
import { Shell } from "./ui/Shell.tsx";
import { RequireWallet } from "./wallet/RequireWallet.tsx";

// Pages that write use wagmi: they load with the wallet chunk, never with Verify.
const PublishPage = lazy(() => import("./features/publish/PublishPage.tsx"));

function page(route: Route): ReactNode {
  switch (route.page) {
    case "verify":
      return <VerifyPage />;
    case "publish":
      return (
        <RequireWallet>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <PublishPage />
          </Suspense>
        </RequireWallet>
      );
    case "publisher":
      return <Placeholder title={route.address === null ? "Publishers" : `Publisher ${route.address}`} />;
    case "release":
      return <Placeholder title={`Release #${route.id}`} />;
    case "digest":
      return <Placeholder title={`Releases naming ${route.digest}`} />;
    case "trust":
      return <TrustPage />;
    case "not-found":
      return (
        <section className="page">
          <h1>Not found</h1>
          <p>Nothing lives at {route.path}.</p>
        </section>
      );
  }
}

function Placeholder({ title }: { title: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
    </section>
  );
}

export function App() {
  const { route } = useLocation();
  return <Shell route={route}>{page(route)}</Shell>;
}
