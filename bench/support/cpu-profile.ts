import { writeFile } from 'node:fs/promises';
import { findSourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * A CPU profile of this thread (V8's sampling profiler through the inspector, as `--cpu-prof` takes
 * it) between `start()` and `stop(file)`, which writes the `.cpuprofile` (Chrome DevTools opens it) and
 * returns a summary of where the busy time went.
 */
export async function startCpuProfile(): Promise<{ stop(file: string): Promise<string[]> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      return summariseProfile(profile);
    },
  };
}

/** The top self-time functions and areas (our code, each package, node's internals, GC) of a profile. */
export function summariseProfile(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (url === 'node:inspector') continue; // the profiler's own start and stop
    busy += us;
    const key = `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${sourceLine(url, lineNumber, columnNumber)}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    areas.set(area(functionName, url), (areas.get(area(functionName, url)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ranked = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `CPU profile of the server thread: ${(busy / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`,
    'self time by area (share of busy time):',
    ...ranked(areas, 12).map(([k, us]) => `  ${pct(us)}  ${k}`),
    `top ${top} functions by self time:`,
    ...ranked(functions, top).map(([k, us]) => `  ${pct(us)}  ${k}`),
  ];
}

/**
 * The 1-based line in the source file: tsx compiles a TypeScript module to one line, and its source
 * map (registered with node, since tsx enables source maps) says where a column came from.
 */
function sourceLine(url: string, line: number, column: number): number {
  if (url.includes('/node_modules/')) return line + 1; // a package's own map would name files of its sources
  try {
    const entry = findSourceMap(url)?.findEntry(line, column);
    if (entry && 'originalLine' in entry) return entry.originalLine + 1;
  } catch {
    // not a module this process loaded: the generated line
  }
  return line + 1;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) return url.slice(nm + '/node_modules/'.length);
  const ours = /\/(plugin|examples|test|bench|worker)\/.*/.exec(url);
  return ours ? ours[0].slice(1) : url;
}

function area(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const [scope, name] = url.slice(nm + '/node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  return /\/(plugin|examples|test|bench|worker)\//.exec(url)?.[1] ?? url;
}
