// One reference check at a time for a page: a new one aborts the one running.
import { useCallback, useEffect, useRef, useState } from "react";
import type { RegistryCredentials } from "../../registry/client.ts";
import { inspectByReference, type ReferenceInspection } from "./inspectByReference.ts";
import { type RegistryProblem, registryErrorWords } from "./registryErrorWords.ts";

type ReferenceState =
  | { status: "idle" }
  | { status: "inspecting"; text: string }
  | ({ status: "done"; text: string; ms: number } & ReferenceInspection)
  | { status: "failed"; text: string; problem: RegistryProblem };

export function useReferenceInspection() {
  const [state, setState] = useState<ReferenceState>({ status: "idle" });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback((text: string, credentials: RegistryCredentials | null) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const started = performance.now();
    setState({ status: "inspecting", text });
    inspectByReference(text, credentials, controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: "done", text, ms: performance.now() - started, ...result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ status: "failed", text, problem: registryErrorWords(error, text.trim()) });
      },
    );
  }, []);

  const clear = useCallback(() => {
    running.current?.abort();
    setState({ status: "idle" });
  }, []);

  return { state, start, clear };
}
