import { formatUnixTime } from "../../chain/formatTime.ts";
import type { OfflineVerification } from "./offlineVerify.ts";

/** How far an offline verdict reaches: as of the bundle's block, only the publishers and digests it covers, and no name-conflict scan. */
export function OfflineBanner({ offline }: { offline: OfflineVerification }) {
  const { result, blockNumber, timestamp, uncoveredPublishers, uncoveredDigests } = offline;
  const state =
    result.word === "VERIFIED"
      ? "not revoked as of then"
      : result.word === "REVOKED"
        ? "revoked as of then"
        : "this is the registry's answer as of then";
  return (
    <div className="card offline-banner" role="note" data-testid="offline-banner">
      <p>
        <strong>
          Checked offline from a proof bundle, as of block {blockNumber.toString()} ({formatUnixTime(timestamp)}):{" "}
          {state}; revocations after that block cannot be known offline.
        </strong>
      </p>
      {uncoveredPublishers.length > 0 && (
        <div data-testid="uncovered-publishers">
          <p>
            The bundle does not cover{" "}
            {uncoveredPublishers.length === 1 ? "this publisher you trust: its" : "these publishers you trust: their"}{" "}
            releases are unknown here.
          </p>
          <ul>
            {uncoveredPublishers.map((publisher) => (
              <li key={publisher}>
                <code>{publisher}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {uncoveredDigests.length > 0 && (
        <p>
          It does not cover {uncoveredDigests.length === 1 ? "this digest" : "these digests"} of the archive:{" "}
          {uncoveredDigests.map((digest) => (
            <code key={digest}>{digest} </code>
          ))}
        </p>
      )}
      <p className="muted" data-testid="name-scan-not-done">
        Not done offline: the scan for other publishers of the same names (name conflicts), which needs the chain.
      </p>
    </div>
  );
}
