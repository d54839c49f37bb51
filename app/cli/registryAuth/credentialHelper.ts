// Docker's credential-helper protocol: `docker-credential-<name> get` with the server URL on
// stdin answers {"ServerURL","Username","Secret"} on stdout, or fails with "credentials not
// found…" when it has none. A Username of "<token>" means the Secret is an identity token.
// The helper's stdout carries a secret: it is parsed and never echoed, not even in errors.
import { spawn } from "node:child_process";
import type { StoredCredentials } from "./authFile.ts";

/** A helper asking a keychain or a cloud CLI can be slow; longer than this is a hang. */
const HELPER_TIMEOUT_MS = 60_000;
/** A helper's answer is a few hundred bytes; more is not an answer. */
const MAX_OUTPUT = 64 * 1024;

type HelperAnswer =
  | { kind: "found"; credentials: StoredCredentials }
  | { kind: "not-found" }
  | { kind: "failed"; reason: string };

export type RunHelper = (
  helper: string,
  serverUrl: string,
  env: Record<string, string | undefined>,
) => Promise<HelperAnswer>;

/** Helper names are program-name suffixes ("desktop", "ecr-login", "gcloud"): nothing that could reach a path. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function parseHelperOutput(stdout: string): HelperAnswer {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    return { kind: "failed", reason: "its answer is not JSON" };
  }
  if (typeof answer !== "object" || answer === null)
    return { kind: "failed", reason: "its answer is not a JSON object" };
  const { Username: username, Secret: secret } = answer as Record<string, unknown>;
  if (typeof username !== "string" || typeof secret !== "string")
    return { kind: "failed", reason: "its answer has no Username and Secret" };
  if (username === "<token>")
    return { kind: "found", credentials: { username: "", password: "", identityToken: secret } };
  return { kind: "found", credentials: { username, password: secret } };
}

export const runCredentialHelper: RunHelper = (helper, serverUrl, env) => {
  const program = `docker-credential-${helper}`;
  if (!HELPER_NAME.test(helper))
    return Promise.resolve({ kind: "failed", reason: `"${helper}" is not a credential helper name` });
  return new Promise((resolve) => {
    const child = spawn(program, ["get"], {
      env: env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: HELPER_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    let tooLong = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT) {
        tooLong = true;
        child.kill();
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve({
        kind: "failed",
        reason:
          error.code === "ENOENT"
            ? `${program} is not on PATH`
            : `${program} could not run (${error.code ?? error.message})`,
      }),
    );
    child.on("close", (code, signal) => {
      if (tooLong) return resolve({ kind: "failed", reason: `${program} answered more than ${MAX_OUTPUT} bytes` });
      // "credentials not found in native keychain" is said on stdout by docker's helpers.
      if (code !== 0) {
        if (/credentials not found/i.test(stdout) || /credentials not found/i.test(stderr))
          return resolve({ kind: "not-found" });
        return resolve({
          kind: "failed",
          reason: signal !== null ? `${program} was stopped (${signal})` : `${program} exited with status ${code}`,
        });
      }
      resolve(parseHelperOutput(stdout));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(serverUrl);
  });
};
