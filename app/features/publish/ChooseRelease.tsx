import { shortDigest } from "../../image/digest.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { ReleaseCandidate } from "./releaseCandidates.ts";

interface CandidateGroup {
  key: string;
  members: ReleaseCandidate[];
}

/** Images of one index (the platforms of one multi-platform image) form a group; every other image is its own. */
export function groupCandidates(candidates: readonly ReleaseCandidate[]): CandidateGroup[] {
  const groups = new Map<string, ReleaseCandidate[]>();
  for (const candidate of candidates) {
    const key = candidate.indexDigest ?? candidate.key;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  return [...groups].map(([key, members]) => ({ key, members }));
}

function groupLabel(group: CandidateGroup): string {
  const names = [...new Set(group.members.flatMap((member) => member.claimedNames))];
  const first = group.members[0];
  const identity =
    group.members.length > 1
      ? `${group.members.length} platforms of index ${shortDigest(first?.indexDigest ?? "")}`
      : shortDigest(first?.imageId ?? "");
  return `${names.length > 0 ? names.join(", ") : "untagged"} — ${identity}`;
}

/** Which image(s) of a multi-image archive to publish; platforms of one index are chosen one by one. */
export function ChooseRelease({
  groups,
  groupKey,
  chosenKeys,
  onGroup,
  onToggle,
}: {
  groups: CandidateGroup[];
  groupKey: string;
  chosenKeys: ReadonlySet<string>;
  onGroup: (key: string) => void;
  onToggle: (key: string, chosen: boolean) => void;
}) {
  const group = groups.find(({ key }) => key === groupKey);
  return (
    <fieldset className="card form">
      <legend>Which image</legend>
      {groups.length > 1 &&
        groups.map((candidate) => (
          <label key={candidate.key} className="checkbox">
            <input
              type="radio"
              name="image-group"
              checked={candidate.key === groupKey}
              onChange={() => onGroup(candidate.key)}
            />{" "}
            <UntrustedText text={groupLabel(candidate)} what="name" />
          </label>
        ))}
      {group && group.members.length > 1 && (
        <div className="form">
          <p className="muted">
            A multi-platform image: one release per platform, all sharing the index digest. Untick a platform to leave
            it out.
          </p>
          {group.members.map((member) => (
            <label key={member.key} className="checkbox">
              <input
                type="checkbox"
                checked={chosenKeys.has(member.key)}
                onChange={(event) => onToggle(member.key, event.target.checked)}
              />{" "}
              {member.platform === null ? "unknown platform" : <UntrustedText text={member.platform} what="platform" />}{" "}
              · <code>{shortDigest(member.imageId ?? "")}</code>
            </label>
          ))}
        </div>
      )}
      {groups.length === 1 && group?.members.length === 1 && (
        <p>
          <UntrustedText text={groupLabel(group)} what="name" />
        </p>
      )}
    </fieldset>
  );
}
