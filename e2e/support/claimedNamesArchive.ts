// A real docker-archive whose manifest.json claims other tags, as anyone can write them:
// RepoTags are not covered by any digest, so the copy stays intact.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { editData, rewriteTar } from "../../app/image/test/rewriteTar.ts";
import { fixturePath } from "./fixtureArchives.ts";

export async function archiveClaiming(fixture: string, repoTags: string[]): Promise<string> {
  const retag = editData("manifest.json", (data) => {
    const manifest = JSON.parse(new TextDecoder().decode(data)) as { RepoTags: string[] }[];
    for (const entry of manifest) entry.RepoTags = repoTags;
    return new TextEncoder().encode(JSON.stringify(manifest));
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-claims-")), `claims-${fixture}`);
  writeFileSync(file, await rewriteTar(new Uint8Array(readFileSync(fixturePath(fixture))), retag));
  return file;
}
