/**
 * Summarises a V8 .cpuprofile (node --cpu-prof, written by `npm run bench -- --profile`):
 * self and inclusive time per package (node_modules/<pkg>, our dist/src files, node internals)
 * and the hottest functions by self time.
 *
 *   npx ts-node --transpile-only bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/(src\/.*)\.js$/.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return url;
  return url;
}

function main(file: string, top = 30): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  const fnInclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id)!;
    const b = bucketOf(node.callFrame.url, node.callFrame.functionName);
    if (b === '(idle)') idle += dt;
    self.set(b, (self.get(b) ?? 0) + dt);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${b}:${node.callFrame.lineNumber + 1}`;
    fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + dt);
    const seen = new Set<string>();
    const seenFn = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const nb = bucketOf(n.callFrame.url, n.callFrame.functionName);
      if (!seen.has(nb)) {
        seen.add(nb);
        inclusive.set(nb, (inclusive.get(nb) ?? 0) + dt);
      }
      const f = `${n.callFrame.functionName || '(anonymous)'} ${nb}:${n.callFrame.lineNumber + 1}`;
      if (!seenFn.has(f)) {
        seenFn.add(f);
        fnInclusive.set(f, (fnInclusive.get(f) ?? 0) + dt);
      }
    }
  });
  const pct = (v: number): string => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
  const show = (title: string, map: Map<string, number>): void => {
    console.log(`\n${title}`);
    for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${pct(v)}  ${k}`);
    }
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  show('self time by package', self);
  show('inclusive time by package (on the stack)', inclusive);
  show('self time by function', fnSelf);
  // Our own functions, as a share of the time the process was not idle: where a request's
  // CPU goes, stage by stage (guards, handler, hooks).
  const busy = total - idle;
  console.log(`\ninclusive time of the service's own functions (% of busy time)`);
  for (const [k, v] of [...fnInclusive]
    .filter(([k]) => k.includes(' src/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(`${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`);
  }
}

main(process.argv[2], Number(process.argv[3] ?? 30));
