// One write from a page: the wallet's clients, the phases the action reports (simulating →
// wallet → pending → confirmed | failed), and, once confirmed, a refresh of what the write
// changed. Every registry read a page shows (releases, revocations, delegations, claims and
// their checks, verdicts: app/features/*/…Query.ts) is keyed under registryQueryKey, so
// refreshing that key is all of them; offline and signed-file verdicts read no chain.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { registryQueryKey } from "../chain/queries/releaseQueries.ts";
import type { WriteClients, WriteOptions, WriteOutcome, WritePhase } from "../chain/runWrite.ts";
import type { RegistryChain } from "../config/chains.ts";
import { useWriteClients } from "./useWriteClients.ts";

/** A write action bound to its arguments: what `run` starts with the wallet's clients. */
type RegistryWrite<TResult> = (clients: WriteClients, options: WriteOptions<TResult>) => Promise<WriteOutcome<TResult>>;

export function useRegistryWrite<TResult>(registryChain: RegistryChain) {
  const wallet = useWriteClients(registryChain);
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<WritePhase<TResult> | null>(null);
  const clients = wallet.clients;
  const busy =
    phase !== null &&
    (phase.status === "simulating" || phase.status === "awaiting-signature" || phase.status === "pending");

  /** Starts the write (nothing without a ready wallet). Never rejects: a failure is the `failed` phase. */
  const run = useCallback(
    async (write: RegistryWrite<TResult>) => {
      if (clients === null) return;
      try {
        await write(clients, {
          onPhase: (next) => {
            setPhase(next);
            if (next.status === "confirmed")
              void queryClient.invalidateQueries({ queryKey: registryQueryKey(registryChain) });
          },
        });
      } catch {
        // Reported as the `failed` phase by the action.
      }
    },
    [clients, queryClient, registryChain],
  );

  return {
    wallet,
    phase,
    busy,
    /** The last write went through: its result is on chain. */
    confirmed: phase?.status === "confirmed",
    /** A wallet ready on the registry's chain and no write under way. */
    canRun: clients !== null && !busy,
    run,
    /** Forget the last write (the form changed: what it would send is another write). */
    reset: useCallback(() => setPhase(null), []),
  };
}
