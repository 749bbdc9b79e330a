/**
 * Card turns under load: Nabij against a bare botbuilder echo bot, on this machine (issue 6, "Speed, measured").
 *
 * In this process group: a fake connector (here), the echo bot (bench/support/echo-bot.ts) and Nabij
 * (scripts/bot-process.ts, anonymous mode, a fresh SQLite file; also PostgreSQL in a fresh schema, dropped
 * afterwards, when NABIJ_TEST_POSTGRES_URL is set), each its own process. The load comes from a second process
 * (bench/support/load-generator.ts) on loopback: 50 conversations, each its own worker with one contact seeded
 * through the repositories, closed loop (the next card action when the previous was answered), 3 s warm-up then
 * 10 s measured; the same load for both bots. Nabij handles Action.Execute 'reg.save' (a registration step saved,
 * the next step's card in the invoke response): every turn claims the activity (dedupe), reads the contact and the
 * draft, and writes the draft (a guarded update; a transaction if another turn changed it meanwhile) and whatever
 * else the turn records, e.g. the access audit. The echo bot answers the same invoke with its verb. Between them,
 * the card-only bot (bench/support/card-only-bot.ts): Nabij's adapter, teams-ai Application and next-step card,
 * without database – what this framework and this card cost, so the most Nabij could reach.
 *
 * Printed: requests/s, p50/p90/p99 of each bot and the ratios; PASS/MISS per target (Nabij ≥ 0.5 × the echo bot's
 * throughput; p99 < 100 ms at 50 conversations); CPU time of the bot process per turn (from /proc, so it hardly
 * moves when other work shares the machine, unlike requests/s); RSS (VmRSS) and live V8 heap (after a full GC)
 * before and after, and peak RSS (VmHWM).
 * A miss does not fail the command. Run: `npm run bench -- turns`. BENCH_TURNS_CPU_PROF=<dir> writes a
 * .cpuprofile of the Nabij process during the load (warm-up and window) into <dir>.
 *
 * The load runs when this file is loaded (it is asynchronous; bench/run.ts times synchronous functions). The
 * default export is the synchronous part of the same turn, timed by bench/run.ts: building the registration
 * steps (was done on every turn, now once per language), validating the submitted step and rendering the next card.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registrationSteps } from '../bot/registration/registration-steps.ts';
import { stepView } from '../bot/registration/registration-views.ts';
import { translator } from '../bot/ui/i18n.ts';
import { renderCard } from '../bot/ui/render.ts';
import { openDatabase } from '../data/client.ts';
import { loadContent } from '../data/content/load-content.ts';
import { openEncryptedDatabase } from '../data/crypto/encrypted-database.ts';
import { formatEncryptionKeys } from '../data/crypto/encryption-keys.ts';
import { migrate } from '../data/migrate.ts';
import { createContactRepository } from '../data/repositories/contacts.ts';
import { freePort, startBotProcess } from '../scripts/bot-process.ts';
import { BENCH_CONTACT } from './support/bench-contact.ts';
import { startFakeConnector, type TFakeConnector } from './support/fake-connector.ts';
import type { TConversation, TLoadPlan, TLoadResult } from './support/load-generator.ts';
import { processCpuMs, processMemory, type TProcessMemory } from './support/process-stats.ts';
import { printTable } from './support/report.ts';
import { createTestDatabase, POSTGRES_URL } from '../test/support/databases.ts';
// Types only: importing run.ts's code from here would deadlock (run.ts awaits this module's top-level await).
import type { BenchSuite } from './run.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONVERSATIONS = 50;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;
const TARGET_THROUGHPUT_RATIO = 0.5;
const TARGET_P99_MS = 100;
const TENANT = '00000000-0000-4000-8000-00000000b000';
const HEAP_PRELOAD = `--import=${join(HERE, 'support/heap-on-signal.mjs')}`;
/** A fresh key per run: the bot encrypts registration data with it, the seed writes contacts with it. */
const ENCRYPTION_KEYS = [{ id: 'bench', key: randomBytes(32) }];

interface TRunningBot {
  name: string;
  endpoint: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<unknown>;
}

interface TMeasured {
  name: string;
  load: TLoadResult;
  /** CPU time of the bot process per answered request, warm-up included. */
  cpuMsPerTurn?: number;
  before?: TProcessMemory;
  after?: TProcessMemory;
  heapBeforeMiB?: number;
  heapAfterMiB?: number;
}

function nodeOptions(extra: string[] = []): string {
  return [process.env.NODE_OPTIONS ?? '', HEAP_PRELOAD, ...extra].join(' ').trim();
}

/** A reference bot of bench/support/ (the echo bot, the card-only bot) as its own process. */
async function startReferenceBot(name: string, script: string): Promise<TRunningBot> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'support', script), String(port)], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`listening ${port}`)) (clearTimeout(timer), resolve());
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${name} exited with ${code}:\n${output}`))));
  });
  return {
    name,
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    child,
    output: () => output,
    stop: () => (child.kill('SIGTERM'), exited),
  };
}

async function startNabij(databaseUrl: string, label: string): Promise<TRunningBot> {
  const profileDir = process.env.BENCH_TURNS_CPU_PROF;
  const bot = await startBotProcess({
    env: {
      NABIJ_ALLOW_ANONYMOUS: 'true',
      BOT_ID: '',
      BOT_PASSWORD: '',
      DATABASE_URL: databaseUrl,
      NABIJ_ALLOWED_TENANTS: '',
      NABIJ_DEMO_DATA: 'false',
      NABIJ_ENCRYPTION_KEYS: formatEncryptionKeys(ENCRYPTION_KEYS),
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: nodeOptions(),
      ...(profileDir ? { BENCH_CPU_PROFILE: join(profileDir, `nabij-${label}-${Date.now()}.cpuprofile`) } : {}),
    },
  });
  return { name: `Nabij reg.save, ${label}`, endpoint: bot.endpoint, child: bot.child, output: bot.output, stop: () => bot.stop() };
}

/**
 * The V8 heap in use, asked of the process through the preloaded SIGUSR2 handler (bench/support/heap-on-signal.mjs),
 * which also starts and stops the CPU profiler when asked to profile.
 */
async function heapUsedMiB(bot: TRunningBot): Promise<number | undefined> {
  const seen = bot.output().split('bench-heap ').length;
  bot.child.kill('SIGUSR2');
  for (let i = 0; i < 500; i++) {
    const parts = bot.output().split('bench-heap ');
    if (parts.length > seen) return (JSON.parse(parts.at(-1)!.split('\n')[0]!) as { heapUsed: number }).heapUsed / 2 ** 20;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

function runLoadProcess(plan: TLoadPlan): Promise<TLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'support/load-generator.ts'), JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('load-result '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('load-result '.length)) as TLoadResult);
      else reject(new Error(`load generator exited with ${code}:\n${output}`));
    });
  });
}

async function measure(bot: TRunningBot, plan: Omit<TLoadPlan, 'endpoint'>): Promise<TMeasured> {
  const before = processMemory(bot.child.pid);
  const heapBeforeMiB = await heapUsedMiB(bot);
  const cpuBefore = processCpuMs(bot.child.pid);
  const load = await runLoadProcess({ ...plan, endpoint: bot.endpoint });
  const cpuAfter = processCpuMs(bot.child.pid);
  const after = processMemory(bot.child.pid);
  const cpuMsPerTurn = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / load.allRequests;
  return { name: bot.name, load, cpuMsPerTurn, before, after, heapBeforeMiB, heapAfterMiB: await heapUsedMiB(bot) };
}

function conversations(): TConversation[] {
  return Array.from({ length: CONVERSATIONS }, (_, i) => ({
    conversationId: `a:bench-conversation-${i}`,
    userId: `29:bench-user-${i}`,
    aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    contactId: '',
  }));
}

/** A fresh, migrated database with one fictitious contact per conversation, assigned to that conversation's worker. */
async function seedContacts(databaseUrl: string, convs: TConversation[]): Promise<TConversation[]> {
  await migrate(databaseUrl);
  const database = await openEncryptedDatabase(databaseUrl, { configured: ENCRYPTION_KEYS });
  try {
    const contacts = createContactRepository(database.db);
    const seeded: TConversation[] = [];
    for (const [i, c] of convs.entries()) {
      const contact = await contacts.create(
        { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: `Bench${i}` },
        { workerId: c.aadObjectId, now: new Date() },
      );
      seeded.push({ ...c, contactId: contact.id });
    }
    return seeded;
  } finally {
    await database.close();
  }
}

/** What the turns left in the database: drafts (one per contact expected) and claimed activities. */
async function countWrites(databaseUrl: string): Promise<{ drafts: number; claims: number }> {
  const database = await openDatabase(databaseUrl);
  try {
    return { drafts: await database.db.registration.count({ where: { status: 'draft' } }), claims: await database.db.processedActivity.count() };
  } finally {
    await database.close();
  }
}

const mib = (m: number | undefined) => (m === undefined || Number.isNaN(m) ? '?' : m.toFixed(0));

function printResults(loadBefore: number, echo: TMeasured, floor: TMeasured, nabij: TMeasured[], writes: Map<string, { drafts: number; claims: number }>): void {
  const header = ['bot', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'CPU ms/turn', 'RSS before→after MiB', 'peak MiB', 'live heap before→after MiB'];
  const rows = [echo, floor, ...nabij].map((m) => [
    m.name,
    m.load.throughput.toFixed(0),
    m.load.p50Ms.toFixed(1),
    m.load.p90Ms.toFixed(1),
    m.load.p99Ms.toFixed(1),
    m.load.maxMs.toFixed(1),
    String(m.load.errors),
    m.cpuMsPerTurn === undefined ? '?' : m.cpuMsPerTurn.toFixed(2),
    `${mib(m.before?.rssMiB)} → ${mib(m.after?.rssMiB)}`,
    mib(m.after?.peakRssMiB),
    `${mib(m.heapBeforeMiB)} → ${mib(m.heapAfterMiB)}`,
  ]);
  printTable(
    `card turns – ${CONVERSATIONS} concurrent conversations, closed loop, ${WARMUP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured\n` +
      `(load average before the run: ${loadBefore.toFixed(2)}; anything else running on the machine shows in these numbers)`,
    header,
    rows,
  );
  for (const m of [echo, floor, ...nabij]) if (m.load.firstError) console.log(`first error of ${m.name}: ${m.load.firstError}`);
  const ratioOf = (m: TMeasured) =>
    `throughput ${(m.load.throughput / echo.load.throughput).toFixed(2)}, p50 ${(m.load.p50Ms / echo.load.p50Ms).toFixed(1)}, p99 ${(m.load.p99Ms / echo.load.p99Ms).toFixed(1)}` +
    (m.cpuMsPerTurn && echo.cpuMsPerTurn ? `, CPU per turn ${(m.cpuMsPerTurn / echo.cpuMsPerTurn).toFixed(1)}` : '');
  console.log(`\n${floor.name} × echo: ${ratioOf(floor)} – the most Nabij could reach with this framework and this card`);
  for (const m of nabij) {
    const ratio = m.load.throughput / echo.load.throughput;
    const w = writes.get(m.name);
    console.log(`\n${m.name}: ${w ? `${w.drafts} drafts written, ${w.claims.toLocaleString('en-US')} activities claimed; ` : ''}× echo: ${ratioOf(m)}` +
      (m.cpuMsPerTurn && floor.cpuMsPerTurn ? `; CPU per turn × card-only bot ${(m.cpuMsPerTurn / floor.cpuMsPerTurn).toFixed(1)}` : ''));
    const ok = m.load.errors === 0;
    console.log(`${ok && ratio >= TARGET_THROUGHPUT_RATIO ? 'PASS' : 'MISS'} throughput ≥ ${TARGET_THROUGHPUT_RATIO} × echo bot (${ratio.toFixed(2)})`);
    console.log(`${ok && m.load.p99Ms < TARGET_P99_MS ? 'PASS' : 'MISS'} p99 < ${TARGET_P99_MS} ms at ${CONVERSATIONS} conversations (${m.load.p99Ms.toFixed(1)} ms)`);
    if (!ok) console.log(`MISS no errors (${m.load.errors} errors)`);
  }
}

async function benchTurns(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const connector: TFakeConnector = await startFakeConnector();
  const kinds = POSTGRES_URL ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const);
  const bots: TRunningBot[] = [];
  try {
    const plan = { serviceUrl: connector.url, tenantId: TENANT, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
    const echoBot = await startReferenceBot('echo bot (bare botbuilder)', 'echo-bot.ts');
    bots.push(echoBot);
    const echo = await measure(echoBot, { ...plan, conversations: conversations(), expect: 'reg.save' });
    await echoBot.stop();
    const saved = translator('nl')('registration.saved');
    const cardOnlyBot = await startReferenceBot('card-only bot (teams-ai, same card, no database)', 'card-only-bot.ts');
    bots.push(cardOnlyBot);
    const floor = await measure(cardOnlyBot, { ...plan, conversations: conversations(), expect: saved });
    await cardOnlyBot.stop();

    const nabij: TMeasured[] = [];
    const writes = new Map<string, { drafts: number; claims: number }>();
    for (const kind of kinds) {
      const database = await createTestDatabase(kind);
      try {
        const convs = await seedContacts(database.url, conversations());
        const bot = await startNabij(database.url, kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');
        bots.push(bot);
        nabij.push(await measure(bot, { ...plan, conversations: convs, expect: saved }));
        await bot.stop();
        writes.set(bot.name, await countWrites(database.url));
      } finally {
        await database.drop();
      }
    }
    printResults(loadBefore, echo, floor, nabij, writes);
    if (!POSTGRES_URL) console.log('\ncard turns – PostgreSQL skipped: NABIJ_TEST_POSTGRES_URL is not set');
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.close();
  }
}

await benchTurns();

// The synchronous part of a 'reg.save' turn, timed by bench/run.ts (a fictitious contact).
const content = loadContent();
const t = translator('nl');
const serviceChoices = content.socialMaps[0]!.services.map((s) => ({ title: s.name, value: s.id }));
const contact = BENCH_CONTACT;
const submitted = { visitDate: '2026-01-12', visitors: 'Bench Medewerker', place: 'home', present: '' };
const steps = registrationSteps(content, t, 'nl', serviceChoices);

export default {
  name: 'card turn, synchronous part – registration step saved, next step rendered',
  description: 'a turn validates the step and renders the next card; the steps (zod schemas from the content files) were built every turn, now once per language',
  cases: [
    { name: 'baseline: notice card', baseline: true, fn: () => renderCard('notice', { lang: 'nl', title: 'x', text: 'y', action: '' }) },
    { name: 'registrationSteps (once per language)', fn: () => registrationSteps(content, t, 'nl', serviceChoices) },
    { name: 'validate the visit step', fn: () => steps[0]!.schema.safeParse(submitted) },
    { name: 'next step view + card', fn: () => renderCard('registration-step', stepView(t, 'nl', contact, steps, 1, { values: {}, notice: 'Stap bewaard.' })) },
  ],
} satisfies BenchSuite;
