import { lazy, type ReactNode, Suspense } from "react";
import { DigestPage } from "./features/digest/DigestPage.tsx";
import { NamePage } from "./features/name/NamePage.tsx";
import { PublisherPage } from "./features/publisher/PublisherPage.tsx";
import { ReleasePage } from "./features/release/ReleasePage.tsx";
import { TrustPage } from "./features/trust/TrustPage.tsx";
import { VerifyPage } from "./features/verify/VerifyPage.tsx";
import { type Route, routeHref } from "./routing/route.ts";
import { useLocation } from "./routing/useLocation.ts";
import { ErrorBoundary } from "./shell/ErrorBoundary.tsx";
import { Shell } from "./shell/Shell.tsx";
import { SiteErrorBoundary } from "./shell/SiteErrorBoundary.tsx";
import { PageError } from "./ui/PageError.tsx";
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
    case "name":
      return <NamePage />;
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
  return (
    <SiteErrorBoundary>
      <Routed />
    </SiteErrorBoundary>
  );
}

/** The shell and the page the address names; a page that fails says so inside the shell, which keeps working. */
function Routed() {
  const { route, params } = useLocation();
  return (
    <Shell route={route}>
      <ErrorBoundary
        resetKey={routeHref(route, Object.fromEntries(params))}
        fallback={(error) => <PageError error={error} />}
      >
        {page(route)}
      </ErrorBoundary>
    </Shell>
  );
}
