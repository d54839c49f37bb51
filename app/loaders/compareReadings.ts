// The property under test, as a function: if the engine says intact, every image any loader
// accepted is one the engine reported (same config digest, same diff_ids, and where the
// loader used the archive's own manifest, the same manifest digest). Anything else is a
// disagreement: a loader loads content the engine did not vouch for.
// Separately, a false alarm: the engine refused (tampered / unsupported) while every loader
// that can read this kind of archive accepted it and loaded only images the engine found.
import { imageKey, type LoadedImage, type LoaderName, type LoaderReading } from "./reading.ts";
import type { EngineOutcome } from "./runEngine.ts";

type DisagreementClass =
  /** The engine found no image at all (a plain file to it) yet a loader loaded one. */
  | "engine-saw-no-image"
  /** A loader loaded a config the engine never reported. */
  | "unreported-image"
  /** Same config digest, other diff_ids (cannot happen unless someone misread the config). */
  | "diff-ids-differ"
  /** Same image, but the loader used a manifest the engine did not hash. */
  | "manifest-digest-differs";

interface Disagreement {
  loader: LoaderName;
  kind: DisagreementClass;
  image: LoadedImage;
}

interface FalseAlarm {
  verdict: string;
  problems: string[];
  loaders: LoaderName[];
  /**
   * "by-design": only refusals of ambiguity (duplicate entries, "ambiguous-archive"): the
   * loaders agreed this time, but readers could disagree. "digest": the engine says bytes
   * contradict a digest the loaders accepted anyway (they skipped a check the engine makes,
   * or read other bytes): needs a look, often a loader laxity rather than an engine error.
   * "other": a refusal no loader shares: the likeliest engine bugs.
   */
  category: "by-design" | "digest" | "other";
}

const BY_DESIGN = /^(duplicate-entry|ambiguous-archive(:.*)?)$/;
const DIGEST =
  /^(duplicate-entry|ambiguous-archive(:.*)?|blob-digest-mismatch|config-digest-mismatch|diffid-mismatch|size-mismatch)$/;

function categoryOf(problems: readonly string[]): FalseAlarm["category"] {
  if (problems.length > 0 && problems.every((p) => BY_DESIGN.test(p))) return "by-design";
  if (problems.length > 0 && problems.every((p) => DIGEST.test(p))) return "digest";
  return "other";
}

export interface Comparison {
  engineIntact: boolean;
  disagreements: Disagreement[];
  falseAlarm: FalseAlarm | null;
  /** Loaders that refused what the engine called intact: not a broken promise, but worth a look. */
  refusedIntact: LoaderName[];
}

/**
 * @param applicable loaders that can read this kind of archive at all (they accepted the
 *   unmutated original): only their unanimous acceptance makes an engine refusal a false alarm.
 */
export function compareReadings(
  engine: EngineOutcome,
  readings: readonly LoaderReading[],
  applicable: readonly LoaderName[],
): Comparison {
  const engineIntact = engine.verdict === "intact";
  const engineImages = "images" in engine ? engine.images : [];
  const keys = new Set(engineImages.map(imageKey));
  const disagreements: Disagreement[] = [];
  if (engineIntact) {
    for (const reading of readings) {
      if (!reading.accepted) continue;
      for (const image of reading.images) disagreements.push(...judge(reading.loader, image));
    }
  }

  function judge(loader: LoaderName, image: LoadedImage): Disagreement[] {
    if (engineImages.length === 0) return [{ loader, kind: "engine-saw-no-image", image }];
    if (!keys.has(imageKey(image))) {
      const sameConfig = engineImages.some((known) => known.imageId === image.imageId);
      return [{ loader, kind: sameConfig ? "diff-ids-differ" : "unreported-image", image }];
    }
    if (image.manifestDigest === undefined) return [];
    const vouched = engineImages
      .filter((known) => imageKey(known) === imageKey(image))
      .some(
        (known) =>
          known.manifestDigest === image.manifestDigest || known.indexDigests.includes(image.manifestDigest ?? ""),
      );
    return vouched ? [] : [{ loader, kind: "manifest-digest-differs", image }];
  }

  let falseAlarm: FalseAlarm | null = null;
  if (!engineIntact && engine.verdict !== "crash") {
    const relevant = readings.filter((reading) => applicable.includes(reading.loader));
    const unanimous =
      relevant.length > 0 &&
      relevant.length === applicable.length &&
      relevant.every(
        (reading) =>
          reading.accepted && reading.images.length > 0 && reading.images.every((image) => keys.has(imageKey(image))),
      );
    const problems = "problems" in engine ? engine.problems : [];
    if (unanimous)
      falseAlarm = {
        verdict: engine.verdict,
        problems,
        loaders: relevant.map((r) => r.loader),
        category: categoryOf(problems),
      };
  }

  const refusedIntact =
    engineIntact && engineImages.length > 0
      ? readings.filter((r) => applicable.includes(r.loader) && !r.accepted).map((r) => r.loader)
      : [];
  return { engineIntact, disagreements, falseAlarm, refusedIntact };
}
