// The archives the benchmark times, and the targets it judges (issue 5). `--quick`
// shrinks every archive so a developer can check the harness in about a minute; targets
// are judged on the full sizes only.
import type { ArchiveSpec } from "./archives/dockerSaveArchive.ts";
import type { ContenderId } from "./contenders/contender.ts";

const MiB = 1024 * 1024;

export interface BenchCase {
  id: string;
  label: string;
  spec: ArchiveSpec;
  gzip: boolean;
}

export function benchCases(quick: boolean): BenchCase[] {
  const layer = quick ? 16 * MiB : 256 * MiB;
  const total = `${quick ? "64 MiB" : "1 GiB"}`;
  const fourLayers: ArchiveSpec = { name: `docker-save-4x${layer / MiB}MiB`, layers: 4, layerBytes: layer };
  const oneLayer: ArchiveSpec = { name: `docker-save-1x${(4 * layer) / MiB}MiB`, layers: 1, layerBytes: 4 * layer };
  const big: ArchiveSpec = { name: `docker-save-4x${(4 * layer) / MiB}MiB`, layers: 4, layerBytes: 4 * layer };
  return [
    { id: "tar-4-layers", label: `${total}, 4 layers`, spec: fourLayers, gzip: false },
    { id: "tar-1-layer", label: `${total}, 1 layer`, spec: oneLayer, gzip: false },
    { id: "gz-4-layers", label: `${total}, 4 layers, .tar.gz`, spec: fourLayers, gzip: true },
    { id: "tar-4-layers-big", label: `${quick ? "256 MiB" : "4 GiB"}, 4 layers`, spec: big, gzip: false },
  ];
}

/** A tiny archive of the same shape: the CLI's memory at rest is measured on it. */
export const BASELINE_SPEC: ArchiveSpec = { name: "docker-save-4x64KiB", layers: 4, layerBytes: 64 * 1024 };

type TargetMeasure =
  | { kind: "ratio"; contender: ContenderId; base: "sha256sum" | "openssl" }
  | { kind: "extra-memory"; contender: ContenderId };

export interface Target {
  id: string;
  text: string;
  caseId: string;
  measure: TargetMeasure;
  /** Ratios: at least this (or more than, when `strict`); memory: below this many MiB. */
  bound: number;
  strict?: boolean;
}

export const TARGETS: readonly Target[] = [
  {
    id: "browser-4-layers",
    text: "Browser, 1 GiB, 4 layers: ≥ 1.7× sha256sum",
    caseId: "tar-4-layers",
    measure: { kind: "ratio", contender: "browser", base: "sha256sum" },
    bound: 1.7,
  },
  {
    id: "browser-1-layer",
    text: "Browser, 1 GiB, 1 layer: ≥ 0.9× sha256sum",
    caseId: "tar-1-layer",
    measure: { kind: "ratio", contender: "browser", base: "sha256sum" },
    bound: 0.9,
  },
  {
    id: "cli-1-layer",
    text: "CLI, 1 GiB, 1 layer: ≥ 0.8× openssl",
    caseId: "tar-1-layer",
    measure: { kind: "ratio", contender: "cli", base: "openssl" },
    bound: 0.8,
  },
  {
    id: "cli-4-layers",
    text: "CLI, 1 GiB, 4 layers: > 1.0× openssl",
    caseId: "tar-4-layers",
    measure: { kind: "ratio", contender: "cli", base: "openssl" },
    bound: 1.0,
    strict: true,
  },
  {
    id: "cli-memory",
    text: "CLI, 4 GiB: peak extra memory < 64 MiB",
    caseId: "tar-4-layers-big",
    measure: { kind: "extra-memory", contender: "cli" },
    bound: 64,
  },
  {
    id: "browser-memory",
    text: "Browser, 4 GiB: peak extra memory < 64 MiB",
    caseId: "tar-4-layers-big",
    measure: { kind: "extra-memory", contender: "browser" },
    bound: 64,
  },
];
