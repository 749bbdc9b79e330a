// Preloaded into a bot process under bench (NODE_OPTIONS=--import …): on SIGUSR2 it runs a full garbage collection
// and prints the live V8 heap as one line on stderr, so the bench can report heap next to RSS without touching the
// bot's code. With
// BENCH_CPU_PROFILE=<file>, the first SIGUSR2 also starts the CPU profiler and the second writes the profile
// there (node refuses --cpu-prof in NODE_OPTIONS).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const profileFile = process.env.BENCH_CPU_PROFILE;
let session;

function toggleProfiler() {
  if (!session) {
    session = new Session();
    session.connect();
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(profileFile, JSON.stringify(result.profile));
    printHeap();
  });
}

function printHeap() {
  gc();
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  process.stderr.write(`bench-heap ${JSON.stringify({ heapUsed, heapTotal, external })}\n`);
}

process.on('SIGUSR2', () => {
  if (!profileFile) return printHeap();
  const stopping = Boolean(session);
  toggleProfiler();
  if (!stopping) printHeap();
});
