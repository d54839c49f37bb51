// The real archives under app/image/fixtures and their ground truth (expected.json,
// from docker/podman/skopeo/ctr themselves, never from our engine).
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../app/tools/localStack.ts";

export const FIXTURES_DIR = path.join(PROJECT_ROOT, "app", "image", "fixtures");

interface ExpectedImage {
  imageId: string;
  manifestDigest?: string;
  indexDigest?: string;
}
interface ExpectedArchive {
  archiveSha256: string;
  images: ExpectedImage[];
}

const expected = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "expected.json"), "utf8")) as Record<
  string,
  ExpectedArchive
>;

export function fixturePath(name: string): string {
  if (!(name in expected)) throw new Error(`${name} is not in app/image/fixtures/expected.json`);
  return path.join(FIXTURES_DIR, name);
}

export function expectedImages(name: string): ExpectedImage[] {
  const archive = expected[name];
  if (archive === undefined) throw new Error(`${name} is not in app/image/fixtures/expected.json`);
  return archive.images;
}
