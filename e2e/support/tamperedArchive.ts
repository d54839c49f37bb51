// A tampered copy of a real archive, made the way an attacker would: one byte of one
// layer changed, every header left as it was (the engine's own test helpers do the rewrite).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { flipByte, rewriteTar } from "../../app/image/test/rewriteTar.ts";
import { fixturePath } from "./fixtureArchives.ts";

export async function tamperedCopy(fixture: string, layerPath: string, at: number): Promise<string> {
  const tampered = await rewriteTar(new Uint8Array(readFileSync(fixturePath(fixture))), flipByte(layerPath, at));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-tampered-")), `tampered-${fixture}`);
  writeFileSync(file, tampered);
  return file;
}
