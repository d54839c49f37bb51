// Runs one command the way a person would, timing it from spawn to exit; /usr/bin/time
// (GNU time) adds the peak RSS and CPU time the kernel accounted to it.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  maxRssKiB: number | null;
  cpuMs: number | null;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function timedCommand(
  command: string,
  args: readonly string[],
  options: { discardStdout?: boolean } = {},
): Promise<CommandResult> {
  const dir = mkdtempSync(join(tmpdir(), "imageseal-bench-time-"));
  const report = join(dir, "time.txt");
  const [file, argv] = hasGnuTime()
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", report, command, ...args]]
    : [command, [...args]];
  try {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: ["ignore", options.discardStdout ? "ignore" : "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const status: number | null = await new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    let maxRssKiB: number | null = null;
    let cpuMs: number | null = null;
    if (existsSync(report)) {
      // GNU time may prefix "Command exited with non-zero status N"; the figures are the last line.
      const last = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
      const [rss, user, system] = last.split(" ").map(Number);
      if (Number.isFinite(rss)) maxRssKiB = rss as number;
      if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = ((user as number) + (system as number)) * 1000;
    }
    return { status, stdout, stderr, wallMs, maxRssKiB, cpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
