// Constructors for report problems, so every problem of a kind carries the same fields
// and a message that says what was expected and what was found.
import { type Digest, shortDigest } from "./digest.ts";
import type { Problem, ProblemCode, Verdict } from "./report.ts";

type ProblemOf<C extends ProblemCode> = Extract<Problem, { code: C }>;

export function problem<C extends ProblemCode>(fields: Omit<ProblemOf<C>, "message">, message: string): ProblemOf<C> {
  return { ...fields, message } as ProblemOf<C>;
}

/** Problems that mean "the archive contradicts itself"; every other code means "cannot tell". */
const TAMPERED_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "diffid-mismatch",
  "blob-digest-mismatch",
  "config-digest-mismatch",
  "size-mismatch",
  "missing-entry",
  "layer-count-mismatch",
  "corrupt-layer",
  "duplicate-entry",
  "unsafe-path",
  "invalid-blob-name",
  "bad-link",
  // Loaders could read different content: as good as a contradiction.
  "ambiguous-archive",
]);

export function isTamperedProblem(p: Problem): boolean {
  return TAMPERED_CODES.has(p.code);
}

/** Tampered wins over unsupported: one proven contradiction settles it. */
export function verdictOf(problems: readonly Problem[]): Verdict {
  if (problems.some(isTamperedProblem)) return "tampered";
  return problems.length > 0 ? "unsupported" : "intact";
}

export function describeMismatch(what: string, expected: Digest, found: Digest): string {
  return `${what}: expected ${shortDigest(expected)}, found ${shortDigest(found)}`;
}

/** Identity for de-duplicating problems reported by several views of the same image. */
export function problemKey(p: Problem): string {
  return JSON.stringify(
    Object.entries(p)
      .filter(([key]) => key !== "message")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
