import { type ReactNode, useSyncExternalStore } from "react";
import { PageError } from "../ui/PageError.tsx";
import { ErrorBoundary } from "./ErrorBoundary.tsx";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/**
 * The last net, around the shell itself (the pages have their own, inside the shell): if the
 * header or the reading of the address fails, the user still gets words and a way out. It
 * watches the raw hash, not the parsed route, since parsing is among what can fail.
 */
export function SiteErrorBoundary({ children }: { children: ReactNode }) {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return (
    <ErrorBoundary resetKey={hash} fallback={(error) => <PageError error={error} />}>
      {children}
    </ErrorBoundary>
  );
}
