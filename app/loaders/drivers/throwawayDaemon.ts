// Starts a daemon (dockerd, containerd) for one harness run in its own process group, in
// new mount and network namespaces: it has no network but loopback, and it cannot see or
// reach the machine's own containerd socket (/run/containerd is a private tmpfs). Stops
// the whole group at the end, whatever the daemon spawned.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { access } from "node:fs/promises";
import { killGroup, runCommand } from "./runCommand.ts";

interface DaemonSpec {
  /** Shell command line run inside the namespaces (exec'd, so it is the group leader's child). */
  commandLine: string;
  /** The unix socket that answers once the daemon is up. */
  socket: string;
  logFile: string;
  /** A command that succeeds once the daemon answers on its socket. */
  probe: { command: string; args: string[] };
  startTimeoutMs: number;
}

export class ThrowawayDaemon {
  private child: ChildProcess | null = null;
  readonly spec: DaemonSpec;

  constructor(spec: DaemonSpec) {
    this.spec = spec;
  }

  /** null when up; otherwise why not. */
  async start(): Promise<string | null> {
    const log = openSync(this.spec.logFile, "a");
    const inner = `mkdir -p /run/containerd && mount -t tmpfs tmpfs /run/containerd && (ip link set lo up 2>/dev/null || true) && exec ${this.spec.commandLine}`;
    this.child = spawn("unshare", ["--mount", "--net", "--propagation", "private", "sh", "-c", inner], {
      detached: true,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.child.unref();
    const exited = new Promise<string>((resolve) =>
      this.child?.once("exit", (code) => resolve(`exited with code ${code} (log: ${this.spec.logFile})`)),
    );
    const deadline = Date.now() + this.spec.startTimeoutMs;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
      if (early !== null) return early;
      if (await this.answers()) return null;
    }
    await this.stop();
    return `did not answer on ${this.spec.socket} within ${this.spec.startTimeoutMs} ms (log: ${this.spec.logFile})`;
  }

  private async answers(): Promise<boolean> {
    try {
      await access(this.spec.socket);
      const probe = await runCommand(this.spec.probe.command, this.spec.probe.args, { timeoutMs: 5_000 });
      return probe.code === 0;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
    // the daemon's own children (containerd-shim, a managed containerd) share the group
    killGroup(child.pid, "SIGKILL");
  }
}
