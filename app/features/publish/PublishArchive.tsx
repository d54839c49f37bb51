import { useMemo, useState } from "react";
import { publishForRelease } from "../../chain/actions/publishForRelease.ts";
import { type PublishResult, publishRelease } from "../../chain/actions/publishRelease.ts";
import { publishReleaseBatch } from "../../chain/actions/publishReleaseBatch.ts";
import { releaseInputProblems } from "../../chain/releaseInput.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { ImageFacts } from "../../inspection/ArchiveReportView.tsx";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { hasHiddenCharacters } from "../../verdict/hiddenCharacters.ts";
import { normalizeImageName } from "../../verdict/normalizeImageName.ts";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";
import { WalletGate } from "../../wallet/WalletGate.tsx";
import { ChooseRelease, groupCandidates } from "./ChooseRelease.tsx";
import { NameField } from "./NameField.tsx";
import { OnBehalfField } from "./OnBehalfField.tsx";
import { PublishedReleases } from "./PublishedReleases.tsx";
import { ReleaseReview } from "./ReleaseReview.tsx";
import { claimedNameOf, recordedName, releaseCandidates, releaseInputsFor } from "./releaseCandidates.ts";
import { SignReleaseForm } from "./SignReleaseForm.tsx";
import { useOnBehalf } from "./useOnBehalf.ts";

/** `defaultName`: the name to prefill when the report claims none (a registry reference: the reference itself). */
export function PublishArchive({
  fileName,
  report,
  registryChain,
  defaultName = "",
}: {
  fileName: string;
  report: ArchiveReport;
  registryChain: RegistryChain;
  defaultName?: string;
}) {
  // A new drop mounts a new PublishArchive (keyed by file), so a write never outlives its archive.
  const write = useRegistryWrite<PublishResult>(registryChain);
  const wallet = write.wallet;
  const candidates = useMemo(() => releaseCandidates(report), [report]);
  const groups = useMemo(() => groupCandidates(candidates), [candidates]);
  const [groupKey, setGroupKey] = useState(groups[0]?.key ?? "");
  const group = groups.find(({ key }) => key === groupKey) ?? groups[0];
  const [chosenKeys, setChosenKeys] = useState<ReadonlySet<string>>(
    () => new Set(group?.members.map(({ key }) => key)),
  );
  const chosen = (group?.members ?? []).filter(({ key }) => chosenKeys.has(key));
  const isImage = report.format !== "file";
  // Prefilled with the archive's claimed tag, as Docker would spell it in full; never with a
  // claim holding hidden characters (a text field would draw them raw): the hint shows it, marked.
  const prefill = (claimedName: string) => {
    const claimed = claimedName === "" ? defaultName : claimedName;
    return hasHiddenCharacters(claimed) ? "" : isImage ? (normalizeImageName(claimed) ?? claimed) : claimed;
  };
  const [name, setName] = useState(() => prefill(claimedNameOf(chosen)));
  const recorded = recordedName(name, isImage);
  const inputs = releaseInputsFor(chosen, recorded.name);
  const behalf = useOnBehalf(registryChain, wallet.address);
  const ownProblems =
    chosen.length === 0
      ? ["Choose at least one platform."]
      : [...(recorded.problem ? [recorded.problem] : []), ...new Set(inputs.flatMap(releaseInputProblems))];
  const problems = [
    ...ownProblems,
    ...(ownProblems.length === 0 ? behalf.problems(inputs.map((input) => input.name)) : []),
  ];

  // What the button would send changed: the last write (and its "Published.") was of another release.
  function rename(next: string) {
    setName(next);
    write.reset();
  }

  function toggle(key: string, on: boolean) {
    setChosenKeys((keys) => (on ? new Set([...keys, key]) : new Set([...keys].filter((known) => known !== key))));
    write.reset();
  }

  function chooseGroup(key: string) {
    const next = groups.find((candidate) => candidate.key === key);
    setGroupKey(key);
    setChosenKeys(new Set(next?.members.map((member) => member.key)));
    setName(prefill(claimedNameOf(next?.members ?? [])));
    write.reset();
  }

  function publish() {
    const publisher = behalf.publisher;
    const [single] = inputs;
    void write.run((clients, options) =>
      publisher !== null
        ? publishForRelease(clients, registryChain, publisher, inputs, options)
        : inputs.length === 1 && single
          ? publishRelease(clients, registryChain, single, options)
          : publishReleaseBatch(clients, registryChain, inputs, options),
    );
  }

  return (
    <div className="page">
      {report.format === "file" ? (
        <p className="card">
          <strong>
            <UntrustedText text={fileName} what="file name" />
          </strong>{" "}
          holds no container image. It will be recorded by its sha256{" "}
          {report.archiveDigest && <Hex value={report.archiveDigest} label="file sha256" />}.
        </p>
      ) : (
        <>
          <ChooseRelease
            groups={groups}
            groupKey={group?.key ?? ""}
            chosenKeys={chosenKeys}
            onGroup={chooseGroup}
            onToggle={toggle}
          />
          {chosen.map((candidate) => {
            const image = report.images.find(
              (candidateImage) =>
                candidateImage.imageId === candidate.imageId &&
                candidateImage.indexDigest === (candidate.indexDigest ?? undefined),
            );
            return image ? (
              <details key={candidate.key} className="card">
                <summary>
                  What the archive holds for{" "}
                  {candidate.platform === null ? (
                    "this image"
                  ) : (
                    <UntrustedText text={candidate.platform} what="platform" />
                  )}
                </summary>
                <ImageFacts image={image} />
              </details>
            ) : null;
          })}
        </>
      )}
      <NameField name={name} onChange={rename} claimed={claimedNameOf(chosen)} recorded={recorded.name} />
      <OnBehalfField
        value={behalf.text}
        onChange={(text) => {
          behalf.setText(text);
          write.reset();
        }}
        problem={behalf.problem}
        publisher={behalf.publisher}
        read={behalf.read}
      />
      {problems.length > 0 ? (
        <ul className="problems" aria-label="Before publishing">
          {problems.map((problem) => (
            <li key={problem}>
              <UntrustedText text={problem} />
            </li>
          ))}
        </ul>
      ) : (
        <>
          <ReleaseReview
            inputs={inputs}
            publisher={behalf.publisher ?? wallet.address}
            delegate={behalf.publisher === null ? undefined : wallet.address}
            registryChain={registryChain}
          />
          <WalletGate wallet={wallet} registryChain={registryChain} action="publish">
            <div className="row">
              <button
                type="button"
                className="button button-primary"
                // Once published, the same release again could only be refused ("already published").
                disabled={!write.canRun || write.confirmed}
                onClick={publish}
              >
                {inputs.length === 1 ? "Publish release" : `Publish ${inputs.length} releases`}
              </button>
            </div>
            {write.phase && (
              <WritePhaseView
                phase={write.phase}
                chain={registryChain.chain}
                confirmed={(done) => <PublishedReleases releases={done.releases} />}
              />
            )}
            {inputs.length === 1 && inputs[0] && (
              <SignReleaseForm
                input={inputs[0]}
                registryChain={registryChain}
                wallet={wallet}
                publisher={behalf.publisher}
              />
            )}
          </WalletGate>
        </>
      )}
    </div>
  );
}
