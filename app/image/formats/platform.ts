// Platforms written the way Docker and the OCI tools write them: os/architecture[/variant].
import type { Platform } from "../report.ts";

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant]
    .filter((part) => part !== undefined && part !== "")
    .join("/");
}

/** Whether a config's platform contradicts what an index claims (variant compared only when both give one). */
export function platformsDisagree(claimed: Platform, actual: Platform): boolean {
  if (claimed.os !== actual.os || claimed.architecture !== actual.architecture) return true;
  return claimed.variant !== undefined && actual.variant !== undefined && claimed.variant !== actual.variant;
}
