// Archives written by the real tools (app/image/fixtures: docker, podman, skopeo,
// containerd) must read with no ambiguity at all: a false alarm is a verdict error too.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { BlobSource } from "../source/blobSource.ts";
import { streamEntries } from "../test/streamEntries.ts";
import { indexTar } from "./indexTar.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const archives = readdirSync(FIXTURES).filter((file) => /\.tar(\.gz)?$/.test(file));

test("every real archive reads with no ambiguity, the same through both readers", async () => {
  assert.ok(archives.length >= 25, `only ${archives.length} fixtures found`);
  for (const file of archives) {
    const stored = readFileSync(new URL(file, FIXTURES));
    const tar = file.endsWith(".gz") ? gunzipSync(stored) : stored;
    const indexed = await indexTar(new BlobSource(new Blob([tar])));
    const { data, ...streamed } = await streamEntries(tar, [65536, 1000]);
    assert.deepEqual(indexed.ambiguities, [], file);
    assert.ok(indexed.entries.length > 0, file);
    assert.deepEqual(streamed, indexed, file);
    for (const entry of indexed.entries)
      assert.equal(data.get(entry.dataOffset), entry.size, `${file}: ${entry.rawPath}`);
  }
});
