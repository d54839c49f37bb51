// The engine's JSON reading against Go's own, on a committed corpus (testdata/): every
// document is either read exactly as Go's encoding/json reads it into the loaders' structs,
// or refused as ambiguous, never read as something else. The answers were written by
// testdata/decodeWithGo.go with real Go 1.19 (run by hand; see its header).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { AmbiguousJsonError, MetadataError } from "../errors.ts";
import type { Platform } from "../report.ts";
import { decodeJson } from "./decodeJson.ts";
import { parseDockerManifest } from "./dockerManifest.ts";
import { blobKind } from "./documentKind.ts";
import { parseImageConfig } from "./imageConfig.ts";
import { type Descriptor, parseImageIndex, parseImageManifest, parseOciLayoutFile } from "./ociDocuments.ts";

type Reader = "docker-manifest" | "oci-index" | "oci-manifest" | "image-config" | "oci-layout";
interface CorpusDocument {
  name: string;
  reader: Reader;
  listedAs: string;
  text?: string;
  base64?: string;
}
interface GoReading {
  value?: Record<string, unknown> | unknown[];
  error?: string;
}
interface GoAnswer {
  name: string;
  sha256: string;
  unmarshal: GoReading;
  decoder?: GoReading;
  kindCheck?: string[];
}

const testdata = (name: string) =>
  JSON.parse(readFileSync(new URL(`testdata/${name}`, import.meta.url), "utf8")) as unknown;
const corpus = (testdata("goJsonCorpus.json") as { documents: CorpusDocument[] }).documents;
const answers = new Map(
  (testdata("goJsonAnswers.json") as { answers: GoAnswer[] }).answers.map((answer) => [answer.name, answer]),
);

const bytesOf = (document: CorpusDocument) =>
  document.base64 !== undefined
    ? new Uint8Array(Buffer.from(document.base64, "base64"))
    : new TextEncoder().encode(document.text ?? "");

// ---------- readings in one shape: the engine's, the old JSON.parse one's, Go's ----------

const platformView = (p: Platform | undefined) =>
  p ? { os: p.os, architecture: p.architecture, variant: p.variant ?? "", osVersion: p.osVersion ?? "" } : null;
const descriptorView = (d: Descriptor) => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.size,
  urls: d.urls,
  annotations: d.annotations,
  platform: platformView(d.platform),
});

type Ours = { ok: true; view: unknown } | { ok: false; ambiguous: boolean; reason: string };

function readOurs(document: CorpusDocument): Ours {
  const path = "doc";
  try {
    const value = decodeJson(bytesOf(document), path);
    switch (document.reader) {
      case "docker-manifest":
        return { ok: true, view: parseDockerManifest(value, path) };
      case "oci-index":
        if (document.listedAs !== "" && blobKind(value, path, document.listedAs) !== "index")
          return { ok: false, ambiguous: false, reason: "not read as an index" };
        return {
          ok: true,
          view: { manifests: parseImageIndex(value, path, document.listedAs).manifests.map(descriptorView) },
        };
      case "oci-manifest": {
        if (document.listedAs !== "" && blobKind(value, path, document.listedAs) !== "manifest")
          return { ok: false, ambiguous: false, reason: "not read as a manifest" };
        const manifest = parseImageManifest(value, path, document.listedAs);
        return {
          ok: true,
          view: { config: descriptorView(manifest.config), layers: manifest.layers.map(descriptorView) },
        };
      }
      case "image-config": {
        const config = parseImageConfig(value, path);
        return { ok: true, view: { diffIds: config.diffIds, platform: platformView(config.platform) } };
      }
      case "oci-layout":
        return { ok: true, view: { imageLayoutVersion: parseOciLayoutFile(value, path) } };
    }
  } catch (error) {
    if (error instanceof MetadataError)
      return { ok: false, ambiguous: error instanceof AmbiguousJsonError, reason: error.message };
    throw error;
  }
}

/** What the engine read before it had a Go-compatible reader: JSON.parse and exact keys. */
function readNaively(document: CorpusDocument): unknown {
  const str = (value: unknown) => {
    if (typeof value !== "string") throw new TypeError("not a string");
    return value;
  };
  const strs = (value: unknown) => {
    if (!Array.isArray(value)) throw new TypeError("not an array");
    return value.map(str);
  };
  const descriptor = (d: Record<string, unknown>) => {
    if (typeof d.size !== "number") throw new TypeError("no size");
    const p = d.platform as Record<string, unknown> | null | undefined;
    const platform = p
      ? {
          os: str(p.os),
          architecture: str(p.architecture),
          variant: p.variant ?? "",
          osVersion: p["os.version"] ?? "",
        }
      : null;
    return {
      mediaType: d.mediaType ?? "",
      digest: str(d.digest),
      size: d.size,
      urls: d.urls ?? [],
      annotations: d.annotations ?? {},
      platform,
    };
  };
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytesOf(document))) as Record<
      string,
      unknown
    > &
      Record<string, unknown>[];
    switch (document.reader) {
      case "docker-manifest":
        return value.map((item) => ({
          config: str(item.Config),
          repoTags: item.RepoTags == null ? [] : strs(item.RepoTags),
          layers: strs(item.Layers),
        }));
      case "oci-index":
        if (value.schemaVersion !== 2) return undefined;
        return { manifests: (value.manifests as Record<string, unknown>[]).map(descriptor) };
      case "oci-manifest":
        if (value.schemaVersion !== 2) return undefined;
        return {
          config: descriptor(value.config as Record<string, unknown>),
          layers: (value.layers as Record<string, unknown>[]).map(descriptor),
        };
      case "image-config": {
        const rootfs = value.rootfs as Record<string, unknown>;
        if (rootfs.type !== "layers") return undefined;
        const os = value.os;
        const architecture = value.architecture;
        const platform =
          typeof os === "string" && typeof architecture === "string"
            ? { os, architecture, variant: value.variant ?? "", osVersion: value["os.version"] ?? "" }
            : null;
        return { diffIds: strs(rootfs.diff_ids), platform };
      }
      case "oci-layout":
        return { imageLayoutVersion: str(value.imageLayoutVersion) };
    }
  } catch {
    return undefined;
  }
}

/** Whether a reading in the engine's shape says what Go read (the fields the engine uses). */
function readsAsGo(reader: Reader, view: unknown, go: Record<string, unknown> | unknown[]): boolean {
  const same = (a: unknown, b: unknown) => {
    try {
      assert.deepStrictEqual(a, b);
      return true;
    } catch {
      return false;
    }
  };
  const goObject = go as Record<string, unknown>;
  const ours = view as Record<string, unknown>;
  switch (reader) {
    case "docker-manifest":
    case "oci-layout":
      return same(view, go);
    case "oci-index":
      return goObject.schemaVersion === 2 && same(ours.manifests, goObject.manifests);
    case "oci-manifest":
      return goObject.schemaVersion === 2 && same(ours.config, goObject.config) && same(ours.layers, goObject.layers);
    case "image-config":
      // The engine reports a platform only when the config names one; Go reads "" for a missing field.
      return (
        goObject.rootfsType === "layers" &&
        same(ours.diffIds, goObject.diffIds) &&
        (ours.platform === null || same(ours.platform, goObject.platform))
      );
  }
}

// ---------- the comparison ----------

interface Outcome {
  document: CorpusDocument;
  ours: Ours;
  go: GoReading[];
  naiveDiffers: boolean;
  readersDisagree: boolean;
  kindRefused: boolean;
}

const outcomes: Outcome[] = corpus.map((document) => {
  const answer = answers.get(document.name);
  if (!answer)
    throw new Error(`no Go answer for "${document.name}": run go run app/image/formats/testdata/decodeWithGo.go`);
  if (answer.sha256 !== createHash("sha256").update(bytesOf(document)).digest("hex"))
    throw new Error(`stale Go answer for "${document.name}": run decodeWithGo.go again`);
  const decoder = answer.decoder ?? answer.unmarshal;
  const go = [answer.unmarshal, decoder];
  const naive = readNaively(document);
  const accepted = go.filter((reading) => reading.value !== undefined);
  return {
    document,
    ours: readOurs(document),
    go,
    naiveDiffers:
      naive !== undefined &&
      accepted.some((reading) => !readsAsGo(document.reader, naive, reading.value as Record<string, unknown>)),
    readersDisagree: answer.decoder !== undefined,
    kindRefused: (answer.kindCheck ?? []).length > 0,
  };
});

describe(`Go reference: ${corpus.length} documents read by Go 1.19's encoding/json`, () => {
  test("every document the engine reads, it reads as every Go reader that accepts it does, and the loaders' kind checks pass", () => {
    const misread = outcomes.filter(({ document, ours, go, kindRefused }) => {
      if (!ours.ok) return false;
      return (
        kindRefused ||
        go.some((reading) => reading.value !== undefined && !readsAsGo(document.reader, ours.view, reading.value))
      );
    });
    assert.deepEqual(
      misread.map((o) => o.document.name),
      [],
    );
  });

  test("where json.Unmarshal and json.Decoder read differently, the engine refuses as ambiguous", () => {
    const cases = outcomes.filter((o) => o.readersDisagree);
    assert.ok(cases.length > 0, "the corpus has such documents");
    assert.deepEqual(
      cases.filter((o) => o.ours.ok || !o.ours.ambiguous).map((o) => o.document.name),
      [],
    );
  });

  test("where JSON.parse with exact keys read something other than Go, the engine now reads as Go or refuses as ambiguous", () => {
    const cases = outcomes.filter((o) => o.naiveDiffers);
    assert.ok(cases.length > 0, "the corpus has such documents");
    assert.deepEqual(
      cases
        .filter((o) => !o.ours.ok && !o.ours.ambiguous)
        .map((o) => `${o.document.name}: ${o.ours.ok ? "" : o.ours.reason}`),
      [],
    );
  });

  test("every JSON document of the real fixtures is read, as Go reads it", () => {
    const fixtures = outcomes.filter((o) => o.document.name.startsWith("fixture "));
    assert.ok(fixtures.length > 50);
    assert.deepEqual(
      fixtures.filter((o) => !o.ours.ok).map((o) => o.document.name),
      [],
    );
  });

  test("figures", (t) => {
    const count = (filter: (o: Outcome) => boolean) => outcomes.filter(filter).length;
    const goAccepts = (o: Outcome) => o.go.every((reading) => reading.value !== undefined) && !o.kindRefused;
    t.diagnostic(
      `${outcomes.length} documents: read as Go ${count((o) => o.ours.ok && goAccepts(o))}, ambiguous ${count((o) => !o.ours.ok && o.ours.ambiguous)}, ` +
        `invalid ${count((o) => !o.ours.ok && !o.ours.ambiguous)} (Go refuses ${count((o) => !o.ours.ok && !o.ours.ambiguous && !goAccepts(o))} of them), ` +
        `read while Go refuses ${count((o) => o.ours.ok && !goAccepts(o))}; JSON.parse with exact keys misread ${count((o) => o.naiveDiffers)}`,
    );
  });
});
