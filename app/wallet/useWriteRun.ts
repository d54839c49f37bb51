import { useCallback, useState } from "react";
import type { WriteOutcome, WritePhase } from "../chain/runWrite.ts";

/**
 * The phases of one write (simulating → wallet → pending → confirmed | failed), for a page to
 * show. The action itself reports them; a failure is already the `failed` phase, so `run`
 * never rejects.
 */
export function useWriteRun<TResult>() {
  const [phase, setPhase] = useState<WritePhase<TResult> | null>(null);
  const run = useCallback(
    async (start: (onPhase: (phase: WritePhase<TResult>) => void) => Promise<WriteOutcome<TResult>>) => {
      try {
        await start(setPhase);
      } catch {
        // Reported as the `failed` phase by the action.
      }
    },
    [],
  );
  const busy =
    phase !== null &&
    (phase.status === "simulating" || phase.status === "awaiting-signature" || phase.status === "pending");
  return { phase, run, busy, reset: useCallback(() => setPhase(null), []) };
}
