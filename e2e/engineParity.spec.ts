// Same answer in the page (issue 8): every real fixture, every archive of the loaders'
// adversarial corpus, and gzip streams ending in every way Go tells apart, run through the
// built site's engine (its Web Workers, through the page's file input) and through the CLI's
// engine (inspectFile in this process); verdict, problem codes and every image's IDs and
// diffIds must be the same. The lists are read from the folders: new files join by themselves.
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { inspectFile } from "../app/image/inspectFile.ts";
import { createNodeHashPool } from "../app/image/pool/nodeHashPool.ts";
import type { ArchiveReport } from "../app/image/report.ts";
import { PROJECT_ROOT } from "../app/tools/localStack.ts";
import { FIXTURES_DIR } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { writeGzipEdgeCases } from "./support/gzipEdgeCases.ts";
import { stack } from "./support/stack.ts";
import { screenshot } from "./support/verifyInPage.ts";

const CORPUS_DIR = path.join(PROJECT_ROOT, "app", "loaders", "corpus");
const ARCHIVE = /\.tar(\.gz)?$/;

function archivesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return []; // no corpus (yet): the fixtures still run
  }
  return names
    .filter((name) => ARCHIVE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** What both engines must agree on; the order of problems is not part of the answer. */
interface Answer {
  verdict: string;
  format: string;
  problems: string[];
  images: { imageId: string | null; diffIds: (string | null)[]; computed: (string | null)[] }[];
}

function answerOf(report: Pick<ArchiveReport, "verdict" | "format" | "problems" | "images">): Answer {
  return {
    verdict: report.verdict,
    format: report.format,
    problems: report.problems.map((problem) => problem.code).sort(),
    images: report.images.map((image) => ({
      imageId: image.imageId,
      diffIds: image.layers.map((layer) => layer.diffId),
      computed: image.layers.map((layer) => layer.computed),
    })),
  };
}

async function inPage(page: Page, file: string): Promise<Answer> {
  await page.goto(stack.siteUrl);
  await page.getByLabel("Choose an archive").setInputFiles(file);
  const summary = page.getByTestId("inspect-summary");
  await expect(summary).toHaveAttribute("data-report", /.+/);
  const verdict = (await summary.getAttribute("data-verdict")) ?? "";
  const shown = JSON.parse((await summary.getAttribute("data-report")) ?? "{}") as Omit<Answer, "verdict">;
  return { verdict, format: shown.format, problems: [...shown.problems].sort(), images: shown.images };
}

const pool = createNodeHashPool({ concurrency: 2 });
test.afterAll(() => pool.close());

async function inCli(file: string): Promise<Answer> {
  return answerOf(await inspectFile(file, { hashPool: pool }));
}

test.describe("the page's engine answers as the CLI's", () => {
  const files = [...archivesIn(FIXTURES_DIR), ...archivesIn(CORPUS_DIR)];

  test("finds the fixtures and the corpus", () => {
    expect(archivesIn(FIXTURES_DIR).length).toBeGreaterThan(20);
  });

  for (const file of files) {
    test(path.relative(PROJECT_ROOT, file), async ({ page }) => {
      const cli = await inCli(file);
      expect(await inPage(page, file)).toEqual(cli);
    });
  }
});

test("an index that claims another platform than the config is a note on the page, not tampering", async ({ page }) => {
  await page.goto(stack.siteUrl);
  await page
    .getByLabel("Choose an archive")
    .setInputFiles(path.join(FIXTURES_DIR, "podman-manifest-arch-override.tar"));
  await expect(page.getByTestId("inspect-summary")).toHaveAttribute("data-verdict", "intact");
  const notes = page.getByRole("list", { name: "Notes" });
  await expect(notes).toContainText("for linux/arm64/v8 but its config says linux/amd64");
  await screenshot(page, "platform-claim-note");
});

test.describe("gzip streams end where Go's gzip.Reader says, in the page as in the CLI", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-gzip-"));
  for (const edge of writeGzipEdgeCases(dir)) {
    test(path.basename(edge.file), async ({ page }) => {
      const cli = await inCli(edge.file);
      expect({ verdict: cli.verdict, problems: cli.problems }).toEqual({
        verdict: edge.verdict,
        problems: edge.problems,
      });
      expect(await inPage(page, edge.file)).toEqual(cli);
    });
  }
});
