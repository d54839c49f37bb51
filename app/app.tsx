import { lazy, type ReactNode, Suspense } from "react";
import { DigestPage } from "./features/digest/DigestPage.tsx";
import { PublisherPage } from "./features/publisher/PublisherPage.tsx";
import { ReleasePage } from "./features/release/ReleasePage.tsx";
import { TrustPage } from "./features/trust/TrustPage.tsx";
import { VerifyPage } from "./features/verify/VerifyPage.tsx";
import type { Route } from "./routing/route.ts";
import { useLocation } from "./routing/useLocation.ts";
import { Shell } from "./ui/Shell.tsx";
import { UntrustedText } from "./ui/UntrustedText.tsx";
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
      return <PublisherPage address={route.address} />;
    case "release":
      return <ReleasePage chainId={route.chainId} id={route.id} />;
    case "digest":
      return <DigestPage digest={route.digest} />;
    case "trust":
      return <TrustPage />;
    case "not-found":
      return (
        <section className="page">
          <h1>Not found</h1>
          <p>
            Nothing lives at <UntrustedText text={route.path} what="link" />.
          </p>
        </section>
      );
  }
}

export function App() {
  const { route } = useLocation();
  return <Shell route={route}>{page(route)}</Shell>;
}
