// Every spec fails on a browser console error or an uncaught page error it did not declare:
// React prints its warnings (a state update during another component's render, a missing
// key, …) with console.error, and a page can break half-way while the assertions still pass.
// A test whose point is an error (a registry without CORS, a chain that is down) declares it
// with a precise pattern; a declared error that never shows fails the test too, so no
// declaration can linger and hide a later one.
import { type Browser, type BrowserContext, type ConsoleMessage, type TestInfo, test } from "@playwright/test";

interface ConsoleErrorWatch {
  /** Declares an error this test causes on purpose; it must then show at least once. */
  expect(pattern: RegExp): void;
  /** What went wrong: undeclared errors and declared ones that never showed ("" when nothing). */
  problems(): string;
}

function describeMessage(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return url ? `${message.text()} (${url}:${lineNumber})` : message.text();
}

/**
 * Records console errors and uncaught errors of `context` and of every context the test opens
 * with `browser.newContext()` / `browser.newPage()` (specs open fresh profiles: a verifier without
 * a wallet, an offline page). Call `stop()` once the test is done.
 */
export function watchConsoleErrors(browser: Browser, context: BrowserContext): ConsoleErrorWatch & { stop(): void } {
  const errors: string[] = [];
  const expected: RegExp[] = [];
  const watch = (watched: BrowserContext) => {
    watched.on("console", (message) => {
      if (message.type() === "error") errors.push(`console.error: ${describeMessage(message)}`);
    });
    watched.on("weberror", (webError) => {
      const error = webError.error();
      errors.push(`uncaught: ${error.stack ?? error.message}`);
    });
  };
  watch(context);
  // The Browser object emits nothing when a context opens, so the test's own contexts are
  // caught where they are made (newPage opens its context through newContext too).
  const newContext = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const opened = await newContext.apply(browser, args);
    watch(opened);
    return opened;
  };
  return {
    expect: (pattern) => expected.push(pattern),
    stop: () => {
      browser.newContext = newContext;
    },
    problems: () => {
      const unexpected = errors.filter((error) => !expected.some((pattern) => pattern.test(error)));
      const missing = expected.filter((pattern) => !errors.some((error) => pattern.test(error)));
      return [
        ...(unexpected.length > 0 ? [`Browser errors nobody expected:\n${unexpected.join("\n")}`] : []),
        ...(missing.length > 0 ? [`Expected browser errors that never showed: ${missing.map(String).join(", ")}`] : []),
      ].join("\n\n");
    },
  };
}

const guarded = new WeakMap<TestInfo, ConsoleErrorWatch>();

/** Runs a test under the guard (the auto fixture in fixtures.ts); throws what went wrong once it is done. */
export async function guardConsoleErrors(
  browser: Browser,
  context: BrowserContext,
  testInfo: TestInfo,
  run: () => Promise<void>,
): Promise<void> {
  const watch = watchConsoleErrors(browser, context);
  guarded.set(testInfo, watch);
  try {
    await run();
  } finally {
    watch.stop();
    guarded.delete(testInfo);
  }
  const problems = watch.problems();
  if (problems !== "") throw new Error(problems);
}

/**
 * Declares a browser console error (or uncaught error) the running test causes on purpose, by a
 * precise pattern matched against the guard's line for it: `expectConsoleError(/blocked by CORS
 * policy/)`. Any other error fails the test, and so does a declared one that never shows.
 */
export function expectConsoleError(pattern: RegExp): void {
  const watch = guarded.get(test.info());
  if (watch === undefined) throw new Error("expectConsoleError works in tests that import test from ./fixtures.ts");
  watch.expect(pattern);
}
