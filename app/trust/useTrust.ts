import { useMemo, useSyncExternalStore } from "react";
import { type Address, getAddress, isAddress } from "viem";
import { useLocation } from "../routing/useLocation.ts";
import { type Trust, type TrustedScope, type TrustPin, trustOf } from "./trustFile.ts";
import { trustStore } from "./trustStore.ts";

export function usePins(): TrustPin[] {
  return useSyncExternalStore(trustStore.subscribe, trustStore.getPins);
}

/** "Trust whoever proves control of …" scopes, as stored. */
export function useTrustedScopes(): TrustedScope[] {
  return useSyncExternalStore(trustStore.subscribe, trustStore.getScopes);
}

/** Publishers trusted by the page's link (`?publisher=0x…`, repeatable); invalid ones are reported. */
export function useLinkPublishers(): { publishers: Address[]; invalid: string[] } {
  const { params } = useLocation();
  return useMemo(() => {
    const publishers: Address[] = [];
    const invalid: string[] = [];
    for (const value of params.getAll("publisher")) {
      if (isAddress(value, { strict: false })) publishers.push(getAddress(value));
      else invalid.push(value);
    }
    return { publishers, invalid };
  }, [params]);
}

/** Everything the verdict needs to know about whom the user trusts, right now. */
export function useTrust(): Trust {
  const pins = usePins();
  const scopes = useTrustedScopes();
  const { publishers } = useLinkPublishers();
  return useMemo(() => trustOf(pins, publishers, scopes), [pins, publishers, scopes]);
}
