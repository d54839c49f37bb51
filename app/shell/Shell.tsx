import type { ReactNode } from "react";
import { RegistryStatus } from "../features/registry/RegistryStatus.tsx";
import { type Route, routeHref } from "../routing/route.ts";
import { WalletButton } from "../wallet/WalletButton.tsx";
import { ChainSelector } from "./ChainSelector.tsx";

const NAV: { label: string; route: Route; matches: Route["page"][] }[] = [
  { label: "Verify", route: { page: "verify" }, matches: ["verify", "digest", "release", "name"] },
  { label: "Publish", route: { page: "publish" }, matches: ["publish"] },
  { label: "Publishers", route: { page: "publisher", address: null }, matches: ["publisher"] },
  { label: "Trust", route: { page: "trust" }, matches: ["trust"] },
];

export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="shell-header">
        <a className="brand" href={routeHref({ page: "verify" })}>
          <img src="./favicon.svg" alt="" width="28" height="28" />
          <span>ImageSeal</span>
        </a>
        <nav aria-label="Main" className="shell-nav">
          {NAV.map(({ label, route: target, matches }) => (
            <a key={label} href={routeHref(target)} aria-current={matches.includes(route.page) ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div className="shell-actions">
          <ChainSelector />
          <WalletButton />
        </div>
      </header>
      <main className="shell-main">{children}</main>
      <footer className="shell-footer">
        <RegistryStatus />
      </footer>
    </div>
  );
}
