// Which range jobs one worker should hash together in its SIMD lanes (sha256Lanes.ts).
// Four lanes on one core give ~2.3 times one scalar stream; lanes advance in lockstep,
// so a group is only worth it for jobs of similar sizes, and only when there are more
// big jobs than workers (else one job per core is faster). Measured on 2 cores: app/bench.
import { itemAt } from "../util/itemAt.ts";

/** Jobs below this are left to the scalar path: too short to fill a lane's pipeline. */
export const LANE_MIN_BYTES = 8 * 1024 * 1024;
/** A job joins a group when it is at least this fraction of the group's biggest. */
const SIMILAR = 0.75;
/** Fewer lanes than this in one worker are slower than spreading the jobs over workers. */
const MIN_GROUP = 3;

/** Groups of job indices (each `minGroup`..`lanes` long); jobs in no group run alone. */
export function laneGroups(sizes: readonly number[], concurrency: number, lanes: number): number[][] {
  const big = sizes
    .flatMap((size, index) => (size >= LANE_MIN_BYTES ? [index] : []))
    .sort((a, b) => itemAt(sizes, b) - itemAt(sizes, a));
  if (lanes < MIN_GROUP || big.length <= concurrency) return [];
  const groups: number[][] = [];
  let rest = big;
  while (rest.length >= MIN_GROUP) {
    const [first, ...others] = rest as [number, ...number[]];
    const group = [
      first,
      ...others.filter((index) => itemAt(sizes, index) >= SIMILAR * itemAt(sizes, first)).slice(0, lanes - 1),
    ];
    if (group.length >= MIN_GROUP) groups.push(group);
    rest = group.length >= MIN_GROUP ? rest.filter((index) => !group.includes(index)) : others;
  }
  return groups;
}
