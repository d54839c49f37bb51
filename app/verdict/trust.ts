// Whom the user trusts. Anyone can publish any name, so a release only counts when its
// publisher is trusted: for every name (a `?publisher=` link, `--publisher`), or for one
// name only (a pin), or — for names under a repository, namespace or host the user trusts —
// whoever proved control of that repository or host while this verification ran (a claim).
// Names compare after Docker-style normalization.
import { type Address, isAddressEqual } from "viem";
import type { ProvenClaim } from "../claims/claimCheck.ts";
import { claimCovers, parseTrustedScope, repositoryOf, scopeIncludes } from "../claims/scope.ts";
import { sameImageName } from "./normalizeImageName.ts";

export interface Trust {
  /** Trusted for any name. */
  publishers: Address[];
  /** Trusted for one name only. */
  pins: { name: string; publisher: Address }[];
  /**
   * "Trust whoever proves control of …": repositories ("ghcr.io/acme/api"), namespaces
   * ("ghcr.io/acme") or hosts ("registry.acme.com"), normalized (app/claims/scope.ts). A name
   * under one counts a publisher only through a claim proven now that covers the name's own
   * repository (or its whole host): a claim in another repository grants nothing.
   */
  namespaces?: string[];
  /** Filled in by a verification from the claims it checked just now; never stored, never typed in. */
  controllers?: ProvenClaim[];
}

/** How a release's publisher is trusted for the release's name: for any name, by a pin, by a proven claim, or not at all. */
export type TrustBasis = "publisher" | "pin" | "controller" | null;

/** The user's trusted scopes that include the name's repository. */
export function namespacesFor(trust: Trust, name: string): string[] {
  const repository = repositoryOf(name)?.repository;
  return repository === undefined ? [] : (trust.namespaces ?? []).filter((scope) => scopeIncludes(scope, repository));
}

/**
 * The claim that makes `publisher` trusted for `name`: proven during this verification, covering
 * the name's repository (a repository claim for exactly it, or a domain claim for its host), the
 * repository being under a scope the user trusts. null when there is none.
 */
export function controllerClaim(trust: Trust, publisher: Address, name: string): ProvenClaim | null {
  const repository = repositoryOf(name)?.repository;
  if (repository === undefined || namespacesFor(trust, name).length === 0) return null;
  return (
    (trust.controllers ?? []).find(
      (claim) => isAddressEqual(claim.publisher, publisher) && claimCovers(claim.location, repository),
    ) ?? null
  );
}

export function trustBasis(trust: Trust, publisher: Address, releaseName: string): TrustBasis {
  if (trust.publishers.some((trusted) => isAddressEqual(trusted, publisher))) return "publisher";
  if (trust.pins.some((pin) => isAddressEqual(pin.publisher, publisher) && sameImageName(pin.name, releaseName)))
    return "pin";
  if (controllerClaim(trust, publisher, releaseName) !== null) return "controller";
  return null;
}

const distinct = (all: readonly Address[]) =>
  all.filter((address, index) => all.findIndex((other) => isAddressEqual(other, address)) === index);

/** The publishers trusted for `name` (every trusted publisher, those pinned to that name, its proven controllers), without repeats. */
export function publishersTrustedFor(trust: Trust, name: string): Address[] {
  const controllers = (trust.controllers ?? [])
    .filter((claim) => controllerClaim(trust, claim.publisher, name) !== null)
    .map((claim) => claim.publisher);
  return distinct([
    ...trust.publishers,
    ...trust.pins.filter((pin) => sameImageName(pin.name, name)).map((pin) => pin.publisher),
    ...controllers,
  ]);
}

/** Every publisher trusted for some name (for any name, pinned, or a proven controller), without repeats: whose releases a verification reads. */
export function trustedPublishers(trust: Trust): Address[] {
  return distinct([
    ...trust.publishers,
    ...trust.pins.map((pin) => pin.publisher),
    ...(trust.controllers ?? []).map((claim) => claim.publisher),
  ]);
}

/** Whether a proven claim reaches into a scope the user trusts (a repository under it, or the host it is on). */
function underTrustedScope(trust: Trust, claim: ProvenClaim): boolean {
  return (trust.namespaces ?? []).some((scope) =>
    claim.location.kind === "repository"
      ? scopeIncludes(scope, claim.location.scope)
      : parseTrustedScope(scope)?.domain === claim.location.scope,
  );
}

/**
 * The trust a verification decides with: the user's, plus the publishers whose claims, proven
 * now, reach into a scope the user trusts. Other proven claims are shown, never trusted.
 */
export function withControllers(trust: Trust, proven: readonly ProvenClaim[]): Trust {
  const controllers = proven.filter((claim) => underTrustedScope(trust, claim));
  return controllers.length === 0 ? trust : { ...trust, controllers: [...(trust.controllers ?? []), ...controllers] };
}
