// docker as a loader: one throw-away dockerd per harness run (vfs, no bridge, no iptables,
// its own data/exec roots and socket, in private namespaces), `docker load -i` per case,
// then every image the daemon now has is inspected (Id = sha256 of the config, RootFS.Layers
// = the diff_ids it verified each layer against while applying it), then removed, so the
// next case starts from an empty store (docker skips loading a layer whose chain it has).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadedImage, LoaderReading } from "../reading.ts";
import { COMMAND_TIMEOUT_MS, type LoaderDriver } from "./loaderDriver.ts";
import { isCommandPresent, refusalOf, runCommand } from "./runCommand.ts";
import { ThrowawayDaemon } from "./throwawayDaemon.ts";

interface InspectedImage {
  Id: string;
  RepoTags?: string[] | null;
  RootFS?: { Layers?: string[] | null };
}

export function dockerDriver(): LoaderDriver {
  let root = "";
  let daemon: ThrowawayDaemon | null = null;
  const docker = (args: string[]) =>
    runCommand("docker", ["-H", `unix://${join(root, "d.sock")}`, ...args], { timeoutMs: COMMAND_TIMEOUT_MS });

  async function imageIds(): Promise<string[]> {
    const list = await docker(["images", "-aq", "--no-trunc"]);
    return [
      ...new Set(
        list.stdout
          .toString("utf8")
          .split("\n")
          .filter((line) => line.startsWith("sha256:")),
      ),
    ];
  }

  async function removeAll(): Promise<void> {
    const ids = await imageIds();
    if (ids.length > 0) await docker(["rmi", "-f", ...ids]);
  }

  return {
    family: "docker",
    async start() {
      if (!(await isCommandPresent("dockerd")) || !(await isCommandPresent("docker")))
        return "docker (dockerd + docker CLI) is not installed";
      if (!(await isCommandPresent("unshare"))) return "unshare (util-linux) is missing";
      root = await mkdtemp(join(tmpdir(), "imageseal-dockerd-"));
      daemon = new ThrowawayDaemon({
        commandLine: [
          "dockerd",
          "--iptables=false --ip6tables=false --ip-masq=false --bridge=none --userland-proxy=false",
          "--storage-driver=vfs --log-level=warn --max-concurrent-downloads=1",
          `--data-root ${root}/data --exec-root ${root}/exec --pidfile ${root}/d.pid --host unix://${root}/d.sock`,
          `--config-file ${root}/daemon.json`,
        ].join(" "),
        socket: join(root, "d.sock"),
        logFile: join(root, "dockerd.log"),
        probe: { command: "docker", args: ["-H", `unix://${join(root, "d.sock")}`, "version"] },
        startTimeoutMs: 60_000,
      });
      // an empty config of its own, so the machine's /etc/docker/daemon.json never applies
      await writeFile(join(root, "daemon.json"), "{}\n");
      return daemon.start();
    },
    async read(file) {
      const started = Date.now();
      await removeAll();
      const load = await docker(["load", "-i", file]);
      const images: LoadedImage[] = [];
      for (const id of await imageIds()) {
        const inspect = await docker(["image", "inspect", id]);
        if (inspect.code !== 0) continue;
        const [image] = JSON.parse(inspect.stdout.toString("utf8")) as InspectedImage[];
        if (!image) continue;
        const loaded: LoadedImage = { imageId: image.Id, diffIds: image.RootFS?.Layers ?? [] };
        if (image.RepoTags && image.RepoTags.length > 0) loaded.names = image.RepoTags;
        images.push(loaded);
      }
      await removeAll();
      // docker load stops at the first image it cannot load; those before it stay loaded
      const reading: LoaderReading = {
        loader: "docker",
        accepted: images.length > 0,
        images,
        ms: Date.now() - started,
      };
      if (load.code !== 0) reading.error = refusalOf(load);
      return [reading];
    },
    async stop() {
      await daemon?.stop();
      daemon = null;
      if (root) await rm(root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
