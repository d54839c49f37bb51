// Import cycles: the strongly connected components of the import graph (Tarjan), each shown as
// one concrete loop so the message names the imports to cut.

/** Module → the modules it imports. */
type ImportGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** Each cycle as a path that starts and ends at the same module, e.g. [a, b, a]; sorted, stable. */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  // Recursion depth is bounded by the longest import chain, a few dozen modules.
  const connect = (module: string): void => {
    index.set(module, next);
    lowLink.set(module, next);
    next += 1;
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!index.has(target)) {
        connect(target);
        lowLink.set(module, Math.min(lowOf(lowLink, module), lowOf(lowLink, target)));
      } else if (onStack.has(target)) {
        lowLink.set(module, Math.min(lowOf(lowLink, module), lowOf(index, target)));
      }
    }
    if (lowLink.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    const selfImport = graph.get(module)?.has(module) ?? false;
    if (component.length > 1 || selfImport) components.push(component);
  };

  for (const module of [...graph.keys()].sort()) if (!index.has(module)) connect(module);
  return components.map((component) => loopThrough(graph, component)).sort((a, b) => a.join().localeCompare(b.join()));
}

function lowOf(numbers: ReadonlyMap<string, number>, module: string): number {
  const value = numbers.get(module);
  if (value === undefined) throw new Error(`${module} was not visited`);
  return value;
}

/** The shortest loop from the component's first module (by name) back to itself, by breadth-first search. */
function loopThrough(graph: ImportGraph, component: string[]): string[] {
  const members = new Set(component);
  const [start] = [...members].sort();
  if (start === undefined) return [];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const module: string = queue[head] ?? start;
    for (const target of [...(graph.get(module) ?? [])].sort()) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at: string | undefined = module; at !== undefined && at !== start; at = cameFrom.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, module);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
