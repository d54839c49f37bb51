// The ref names an oci-archive's index.json offers, so skopeo can be pointed at each
// image of an archive with several. Read with Node's own tar listing, not the engine's:
// this only chooses which references to ask skopeo for; skopeo's answers are the reading.
import { readFile } from "node:fs/promises";
import { listTar } from "../mutate/tarReader.ts";

const REF_NAME = "org.opencontainers.image.ref.name";

export async function ociIndexRefNames(file: string): Promise<string[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    return [];
  }
  const entries = safeList(bytes);
  const names = new Set<string>();
  for (const entry of entries) {
    if (entry.path.replace(/^\.\//, "") !== "index.json" || entry.type !== "0") continue;
    try {
      const index = JSON.parse(new TextDecoder().decode(entry.data)) as {
        manifests?: { annotations?: Record<string, unknown> }[];
      };
      for (const descriptor of index.manifests ?? []) {
        const name = descriptor.annotations?.[REF_NAME];
        if (typeof name === "string" && name.length > 0) names.add(name);
      }
    } catch {
      // not JSON to us: skopeo's own answer to the bare reference still counts
    }
  }
  return [...names];
}

function safeList(bytes: Uint8Array) {
  try {
    return listTar(bytes);
  } catch {
    return [];
  }
}
