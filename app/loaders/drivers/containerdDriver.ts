// containerd as a loader: one throw-away containerd per harness run (its own root, state,
// grpc/ttrpc sockets, no CRI, in private namespaces), `ctr images import` per case into one
// namespace, then each image's target is walked in the content store (index → manifests
// for this host → config) and the config bytes hashed; then everything is removed.
// Import UNPACKS (ctr's default) with the native snapshotter: unpacking applies each layer
// and fails on "wrong diff id calculated on extraction", so an accepted image had its
// layers checked against its diff_ids, as `docker load` does. Without unpacking, containerd
// would only check blob digests, and a config could list diff_ids no layer has.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadedImage, LoaderReading } from "../reading.ts";
import { type GoJson, goArray, goField, goString, parseGoJson } from "./goJsonLookup.ts";
import { COMMAND_TIMEOUT_MS, type LoaderDriver } from "./loaderDriver.ts";
import { isCommandPresent, refusalOf, runCommand } from "./runCommand.ts";
import { ThrowawayDaemon } from "./throwawayDaemon.ts";

const NAMESPACE = "imageseal-fuzz";
const HOST_PLATFORM = { os: "linux", architecture: "amd64" };
const MAX_DEPTH = 4;

function configToml(root: string): string {
  return [
    "version = 2",
    `root = "${root}/root"`,
    `state = "${root}/state"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",',
    '  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.internal.v1.tracing"]',
    "[grpc]",
    `  address = "${root}/c.sock"`,
    "[ttrpc]",
    `  address = "${root}/c.sock.ttrpc"`,
    "[debug]",
    '  address = ""',
    "[metrics]",
    '  address = ""',
    "",
  ].join("\n");
}

export function containerdDriver(): LoaderDriver {
  let root = "";
  let daemon: ThrowawayDaemon | null = null;
  const ctr = (args: string[]) =>
    runCommand("ctr", ["-a", join(root, "c.sock"), "-n", NAMESPACE, ...args], { timeoutMs: COMMAND_TIMEOUT_MS });

  async function blob(digest: string): Promise<Buffer | null> {
    const got = await ctr(["content", "get", digest]);
    return got.code === 0 ? got.stdout : null;
  }

  async function imagesOf(digest: string, depth: number, out: LoadedImage[]): Promise<void> {
    const bytes = await blob(digest);
    if (bytes === null || depth > MAX_DEPTH) return;
    let doc: GoJson;
    try {
      doc = parseGoJson(bytes.toString("utf8"));
    } catch {
      return;
    }
    const config = goField(doc, "config", "struct");
    const configDigest = goString(config, "digest");
    if (configDigest) {
      const configBytes = await blob(configDigest);
      if (configBytes === null) return;
      let diffIds: string[] = [];
      try {
        const rootfs = goField(parseGoJson(configBytes.toString("utf8")), "rootfs", "struct");
        diffIds = goArray(rootfs, "diff_ids").flatMap((d) => (d.kind === "string" ? [d.value] : []));
      } catch {
        // containerd stored it, so it unpacked it: keep the image with what we could read
      }
      out.push({ imageId: `sha256:${createHash("sha256").update(configBytes).digest("hex")}`, diffIds });
      return;
    }
    for (const descriptor of goArray(doc, "manifests")) {
      const platform = goField(descriptor, "platform", "struct");
      const os = goString(platform, "os");
      const architecture = goString(platform, "architecture");
      if (platform && (os !== HOST_PLATFORM.os || architecture !== HOST_PLATFORM.architecture)) continue;
      const child = goString(descriptor, "digest");
      if (child) await imagesOf(child, depth + 1, out);
    }
  }

  async function listImages(): Promise<{ name: string; digest: string }[]> {
    const list = await ctr(["images", "ls"]);
    return list.stdout
      .toString("utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split(/\s+/))
      .flatMap(([name, , digest]) => (name && digest?.startsWith("sha256:") ? [{ name, digest }] : []));
  }

  async function removeAll(): Promise<void> {
    const names = (await listImages()).map((image) => image.name);
    if (names.length > 0) await ctr(["images", "rm", "--sync", ...names]);
    const leftover = (await ctr(["content", "ls", "-q"])).stdout
      .toString("utf8")
      .split("\n")
      .filter((d) => d.startsWith("sha256:"));
    if (leftover.length > 0) await ctr(["content", "rm", ...leftover]);
  }

  return {
    family: "containerd",
    async start() {
      if (!(await isCommandPresent("containerd")) || !(await isCommandPresent("ctr")))
        return "containerd + ctr are not installed";
      if (!(await isCommandPresent("unshare"))) return "unshare (util-linux) is missing";
      root = await mkdtemp(join(tmpdir(), "imageseal-containerd-"));
      await writeFile(join(root, "config.toml"), configToml(root));
      daemon = new ThrowawayDaemon({
        commandLine: `containerd --config ${root}/config.toml --log-level warn`,
        socket: join(root, "c.sock"),
        logFile: join(root, "containerd.log"),
        probe: { command: "ctr", args: ["-a", join(root, "c.sock"), "version"] },
        startTimeoutMs: 30_000,
      });
      return daemon.start();
    },
    async read(file) {
      const started = Date.now();
      await removeAll();
      const load = await ctr(["images", "import", "--snapshotter", "native", file]);
      const images: LoadedImage[] = [];
      if (load.code === 0) {
        for (const image of await listImages()) {
          const found: LoadedImage[] = [];
          await imagesOf(image.digest, 0, found);
          for (const one of found) images.push({ ...one, names: [image.name] });
        }
      }
      await removeAll();
      const reading: LoaderReading = {
        loader: "containerd",
        accepted: load.code === 0 && images.length > 0,
        images,
        ms: Date.now() - started,
      };
      if (load.code !== 0) reading.error = refusalOf(load);
      else if (images.length === 0) reading.error = "imported, but no image for this platform in the content store";
      return [reading];
    },
    async stop() {
      await daemon?.stop();
      daemon = null;
      if (root) await rm(root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
