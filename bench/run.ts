/**
 * Minimal benchmark runner: `npm run bench` imports every `bench/*.bench.ts` and runs its suite.
 *
 * A bench file default-exports a {@link BenchSuite}:
 *
 *   import type { BenchSuite } from './run.ts';
 *   export default {
 *     name: 'my module',
 *     cases: [
 *       { name: 'baseline', baseline: true, fn: () => simpleThing(input) },
 *       { name: 'myFunction', fn: () => myFunction(input) },
 *     ],
 *   } satisfies BenchSuite;
 *
 * Each case is warmed up, then timed in samples; a sample runs the function often enough to last about
 * `sampleMs`, so fast functions are not lost in timer resolution. Reported: median and p95 time per call,
 * calls per second, and the ratio of the median to the suite's baseline case. `npm run bench -- NAME`
 * runs only the bench files whose name contains NAME.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, quantile } from './support/report.ts';

export interface BenchCase {
  name: string;
  fn: () => unknown;
  /** The reference the other cases of the suite are compared with. */
  baseline?: boolean;
}

export interface BenchSuite {
  name: string;
  /** Printed under the table (what was measured, on what input). */
  description?: string;
  cases: BenchCase[];
  warmupMs?: number;
  samples?: number;
  sampleMs?: number;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  p95Ms: number;
  opsPerSecond: number;
  ratio: number | undefined;
}

export function measure(c: BenchCase, opts: { warmupMs: number; samples: number; sampleMs: number }): number[] {
  // warm-up (JIT, caches), and an estimate of the cost of one call
  let calls = 0;
  const warmStart = performance.now();
  while (performance.now() - warmStart < opts.warmupMs || calls < 5) {
    c.fn();
    calls++;
  }
  const perCall = (performance.now() - warmStart) / calls;
  const batch = Math.max(1, Math.round(opts.sampleMs / Math.max(perCall, 1e-6)));
  const times: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) c.fn();
    times.push((performance.now() - t0) / batch);
  }
  return times.sort((a, b) => a - b);
}

export function runSuite(suite: BenchSuite): BenchResult[] {
  const opts = { warmupMs: suite.warmupMs ?? 500, samples: suite.samples ?? 200, sampleMs: suite.sampleMs ?? 2 };
  const raw = suite.cases.map((c) => ({ c, times: measure(c, opts) }));
  const base = raw.find((r) => r.c.baseline);
  const baseMedian = base ? quantile(base.times, 0.5) : undefined;
  return raw.map(({ c, times }) => {
    const medianMs = quantile(times, 0.5);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return {
      name: c.name,
      medianMs,
      p95Ms: quantile(times, 0.95),
      opsPerSecond: 1000 / mean,
      ratio: baseMedian ? medianMs / baseMedian : undefined,
    };
  });
}

function format(ms: number): string {
  return ms >= 1 ? ms.toFixed(3) : ms.toFixed(4);
}

export function printSuite(suite: BenchSuite, results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    format(r.medianMs),
    format(r.p95Ms),
    Math.round(r.opsPerSecond).toLocaleString('en-US'),
    r.ratio === undefined ? '' : r.ratio.toFixed(1),
  ]);
  printTable(suite.name, ['case', 'median ms', 'p95 ms', 'ops/s', '× baseline'], rows, suite.description);
}

async function main(): Promise<void> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const filter = process.argv[2];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench files${filter ? ` matching "${filter}"` : ''} in ${dir}`);
    process.exitCode = 1;
    return;
  }
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cpu(s)`);
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: BenchSuite };
    printSuite(mod.default, runSuite(mod.default));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
