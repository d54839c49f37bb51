// The loaders of one harness run: starts the requested families, remembers which could not
// start and why, reads a file with all of them, stops them all (also on Ctrl-C).
import type { LoaderFamily, LoaderReading } from "../reading.ts";
import { containerdDriver } from "./containerdDriver.ts";
import { dockerDriver } from "./dockerDriver.ts";
import type { LoaderDriver } from "./loaderDriver.ts";
import { skopeoDriver } from "./skopeoDriver.ts";

const FACTORIES: Record<LoaderFamily, () => LoaderDriver> = {
  skopeo: skopeoDriver,
  docker: dockerDriver,
  containerd: containerdDriver,
};

export interface LoaderSet {
  present: LoaderFamily[];
  /** Families asked for that could not start, with the reason. */
  absent: Partial<Record<LoaderFamily, string>>;
  read(file: string): Promise<LoaderReading[]>;
  stop(): Promise<void>;
}

export async function startLoaders(families: readonly LoaderFamily[]): Promise<LoaderSet> {
  const started: LoaderDriver[] = [];
  const absent: Partial<Record<LoaderFamily, string>> = {};
  for (const family of families) {
    const driver = FACTORIES[family]();
    const why = await driver.start();
    if (why === null) started.push(driver);
    else {
      absent[family] = why;
      await driver.stop();
    }
  }
  return {
    present: started.map((driver) => driver.family),
    absent,
    async read(file) {
      const readings: LoaderReading[] = [];
      for (const driver of started) readings.push(...(await driver.read(file)));
      return readings;
    },
    async stop() {
      for (const driver of started) await driver.stop();
    },
  };
}
