// The engine's real fixtures and their ground truth (app/image/fixtures/expected.json), for
// tests that push them to a local registry.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Digest } from "../../image/digest.ts";
import type { Platform } from "../../image/report.ts";

const FIXTURES_DIR = path.resolve(import.meta.dirname, "..", "..", "image", "fixtures");

interface ExpectedImage {
  imageId: Digest;
  diffIds: Digest[];
  manifestDigest?: Digest;
  indexDigest?: Digest;
  layerBlobDigests?: Digest[];
  platform?: Platform;
}

export function expectedImages(fixture: string): ExpectedImage[] {
  const all = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "expected.json"), "utf8")) as Record<
    string,
    { images: ExpectedImage[] }
  >;
  const entry = all[fixture];
  if (entry === undefined) throw new Error(`expected.json has no ${fixture}`);
  return entry.images;
}

export const fixturePath = (name: string) => path.join(FIXTURES_DIR, name);
