import type { ClaimCheck } from "../../claims/claimCheck.ts";
import { formatDate } from "../../ui/format.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

/** Claims that could not be checked from here (not found wanting): a warning, not an accusation. */
const UNCHECKABLE = new Set(["unreachable", "browser-blocked", "unauthorized"]);

/** One claim as checked just now: what it proves and where, or why it does not count. */
export function ClaimCheckItem({ check }: { check: ClaimCheck }) {
  const what = check.location.kind === "domain" ? "the host" : "the repository";
  if (check.status === "proven") {
    return (
      <li className="evidence-good" data-testid="claim" data-status="proven">
        <strong>Proven:</strong> controls {what} <UntrustedText text={check.location.scope} what="scope" code />
        {check.evidence.artifactDigest !== null ? (
          <>
            {" "}
            (artifact <Hex value={check.evidence.artifactDigest} label="claim artifact digest" />)
          </>
        ) : (
          <>
            {" "}
            (<UntrustedText text={check.evidence.url} what="URL" code />)
          </>
        )}{" "}
        <span className="muted">checked {formatDate(check.checkedAt)}</span>
      </li>
    );
  }
  return (
    <li
      className={UNCHECKABLE.has(check.reason) ? "evidence-warn" : "evidence-bad"}
      data-testid="claim"
      data-status="failed"
    >
      <strong>Does not check out:</strong> claims {what} <UntrustedText text={check.location.scope} what="scope" code />{" "}
      — <UntrustedText text={check.message} what="message" />{" "}
      <span className="muted">(never counted as trust; checked {formatDate(check.checkedAt)})</span>
    </li>
  );
}
