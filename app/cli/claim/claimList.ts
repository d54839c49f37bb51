// `imageseal claim list <publisher>`: every claim the publisher recorded, each checked now as
// a verifier checks it. The status says whether they could be read, not whether they hold:
// a script that wants "proven" reads --json.
import { getClaims } from "../../chain/actions/getClaims.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { parsePublisher } from "../publish/runPublish.ts";
import { type ClaimRun, chainOf, checkDepsOf } from "./claimContext.ts";
import { checkClaim } from "./claimsApi.ts";
import { checkWords, utc } from "./claimWords.ts";

/** Checks run at once: each fetches from a registry or a domain. */
const CONCURRENCY = 4;

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(itemAt(items, index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function claimList(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  const publisher = parsePublisher(run.argument);
  if (publisher === null || publisher === undefined)
    return report.fail(
      `"${run.argument}" is not a publisher address (0x and 40 hex digits; mixed case must match its checksum)`,
    );
  const resolved = await chainOf(run);
  const claims = await getClaims(resolved.client, resolved.registry, publisher);
  const deps = checkDepsOf(run, resolved);
  const checks = await mapLimited(claims, CONCURRENCY, (claim) =>
    checkClaim(deps, publisher, { location: claim.location, withdrawnAt: claim.withdrawnAt }),
  );
  if (options.json) {
    report.json({
      command: "claim list",
      publisher,
      chainId: resolved.chain.id,
      registry: resolved.registry.registry,
      claims: claims.map((claim, index) => ({ ...claim, check: checks[index] })),
    });
    return PUBLISH_EXIT.ok;
  }
  const proven = checks.filter((check) => check.status === "proven").length;
  report.say([
    `${publisher}: ${claims.length === 0 ? "no claims recorded" : `${claims.length} claim${claims.length === 1 ? "" : "s"} recorded, ${proven} proven now`} (${resolved.chain.name}, registry ${resolved.registry.registry})`,
    ...claims.flatMap((claim, index) => {
      const check = checks[index];
      return [
        `  #${claim.index}  ${claim.location}   recorded ${utc(claim.addedAt)}${claim.withdrawnAt === null ? "" : `, withdrawn ${utc(claim.withdrawnAt)}`}`,
        ...(check === undefined ? [] : [`       ${checkWords(check)}`]),
      ];
    }),
  ]);
  return PUBLISH_EXIT.ok;
}
