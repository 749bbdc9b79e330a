// Thousands of random and hostile typed messages (unicode, very long, markdown/HTML, <at> mentions, control
// characters, command words with garbage) to a running bot, in the personal chat and in a team channel: every one
// gets an answer, every answer is in Dutch, none shows an error, a stack trace or raw input handling, and the bot is
// healthy afterwards. The replies are caught by a fake Bot Framework connector (the activities' serviceUrl).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { TEST_ENCRYPTION_KEYS } from '../support/local-teams.ts';

/** Messages per conversation kind and database. */
const RUNS = 750;

const nl = JSON.parse(readFileSync(join(import.meta.dirname, '../../data/locales/nl.json'), 'utf8')) as { errors: Record<string, string> };
const GENERIC_ERROR = nl.errors.generic!;
/** Every Dutch sentence the bot can say, as a pattern ({{placeholders}} match anything; short labels left out). */
const DUTCH_TEXTS: RegExp[] = (function leaves(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return node && typeof node === 'object' ? Object.values(node).flatMap(leaves) : [];
})(nl)
  .filter((text) => text.replace(/\{\{[^}]+\}\}/g, '').trim().length >= 8)
  .map((text) => new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{[^}]+\}\}/g, '[\\s\\S]*')}$`));
const RAW_ERROR = /\bat .+\.(ts|js):\d+|TypeError|ReferenceError|RangeError|SyntaxError|PrismaClient|ZodError|Invalid input|Cannot read prop|undefined is not|\bNaN\b|\[object Object\]/;

const TENANT = 'tenant-fc';
const TEAM = '19:team-fc@thread.tacv2';
const CHANNEL = '19:channel-fc@thread.tacv2';
const BOT = { id: '28:bot-fc', name: 'Nabij' };
const COORDINATOR = { id: '29:fc-coordinator', aadObjectId: '00000000-0000-4000-8000-0000000000f1', name: 'Coördinator Test' };
const WORKER = { id: '29:fc-worker', aadObjectId: '00000000-0000-4000-8000-0000000000f2', name: 'Werker Test' };

const COMMANDS = [
  'nieuw contact', 'mijn contacten', 'contacten', 'verder met registratie', 'mijn opvolgingen', 'opvolgingen', 'signaal', 'nieuw signaal',
  'help', 'hulp', '?', 'privacy', 'hallo', 'start', 'overzicht', 'opvolging', 'kanaal koppelen', 'rollen', 'instellingen', 'bezorging',
  'status', 'audit', 'toegangslog', 'audit mij', 'gegevens verwijderen', 'inzage', 'inzageverzoek', 'new contact', 'digest',
];
const HOSTILE = [
  '', ' ', '\u0000', '\u0007\b\f\v', '\u001b[31mrood\u001b[0m', '\u202Eevil\u202C', '\u200B\u200C\u200D\uFEFF', '\uD800', '\uDFFF\uD800', '\uFFFE\uFFFF',
  '👩‍👩‍👧‍👦🏳️‍🌈', 'Z̷̧̛a̸̢͝l̵̨̛g̶̢͘o̴̢͝', '<at>Nabij</at>', '<at>Iemand</at> <at></at>', '<at><at>Nabij</at></at>', '</at>', '<b>vet</b>', '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '**vet** _schuin_ `code` ```blok```', '[link](javascript:alert(1))', '# kop\n- lijst', '${7*7}', '{{constructor.constructor}}',
  "'; DROP TABLE \"Contact\";--", '../../etc/passwd', '%s%n%x', 'K-26-0001', 'K-99-999999', 'k-26-0001 K-26-0002', '00000000-0000-0000-0000-000000000000',
  '\r\n\r\n', '\t\t', 'a'.repeat(5000), 'é'.repeat(2000), '🙂'.repeat(1000), '9'.repeat(400), 'mij', '__proto__', 'constructor',
];

const unicodeText = fc.string({ unit: 'binary', maxLength: 60 });
const graphemeText = fc.string({ unit: 'grapheme', maxLength: 40 });
const veryLong = fc.tuple(fc.constantFrom('a', 'é', '🙂', '<at>Nabij</at>', 'help ', '\u0000', 'K-26-0001 '), fc.integer({ min: 1000, max: 20_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
const commandWithGarbage = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.oneof(fc.constant(''), fc.constantFrom(...HOSTILE), unicodeText), fc.oneof(fc.constant(''), fc.constantFrom(...HOSTILE), unicodeText), fc.boolean())
  .map(([command, before, after, upper]) => `${before}${upper ? command.toUpperCase() : command}${after}`);
const commandWithArgument = fc.tuple(fc.constantFrom('audit', 'gegevens verwijderen', 'inzage', 'toegangslog'), fc.oneof(fc.constantFrom(...HOSTILE), unicodeText, graphemeText)).map(([c, a]) => `${c} ${a}`);
const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00A0', '\r\n');
const commandAsTyped = fc
  .tuple(fc.constantFrom(...COMMANDS), whitespace, whitespace, fc.constantFrom('lower', 'upper', 'title'), fc.constantFrom('', '.', '!', '?'))
  .map(([command, before, after, casing, mark]) => `${before}${casing === 'upper' ? command.toUpperCase() : casing === 'title' ? command.charAt(0).toUpperCase() + command.slice(1) : command}${mark}${after}`);
const messageText = fc.oneof(
  { weight: 4, arbitrary: commandAsTyped },
  { weight: 3, arbitrary: commandWithGarbage },
  { weight: 2, arbitrary: commandWithArgument },
  { weight: 2, arbitrary: fc.constantFrom(...COMMANDS, ...HOSTILE) },
  { weight: 2, arbitrary: unicodeText },
  { weight: 1, arbitrary: graphemeText },
  { weight: 1, arbitrary: veryLong },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE, ...COMMANDS), { minLength: 2, maxLength: 6 }).map((parts) => parts.join(' ')) },
);
const textFormat = fc.constantFrom('plain', 'markdown', 'xml', undefined);

interface TReply {
  replyToId?: string;
  conversationId: string;
  activity: { type?: string; text?: string; attachments?: { contentType: string; content?: { lang?: string } }[] };
}

/** The Bot Framework connector at the edge: records replies, answers the roster and team details. */
async function startFakeConnector() {
  const replies: TReply[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '';
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const activity = /^\/+v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
      if (req.method === 'POST' && activity) {
        replies.push({ conversationId: decodeURIComponent(activity[1]!), replyToId: activity[2] && decodeURIComponent(activity[2]), activity: JSON.parse(body) as TReply['activity'] });
        return json(201, { id: `reply-${++n}` });
      }
      if (/\/pagedmembers/.test(url)) {
        return json(200, { members: [COORDINATOR, WORKER].map((m) => ({ id: m.id, aadObjectId: m.aadObjectId, name: m.name, userPrincipalName: `${m.id}@example.org` })) });
      }
      if (/^\/+v3\/teams\//.test(url)) return json(200, { id: TEAM, name: 'Team Proef', aadGroupId: 'group-fc' });
      return json(200, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    repliesTo: (id: string) => replies.filter((r) => r.replyToId === id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type TConnector = Awaited<ReturnType<typeof startFakeConnector>>;

function messageActivity(connector: TConnector, opts: { id: string; text: string; inChannel: boolean; from: typeof WORKER; textFormat?: string }) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message', id: opts.id, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: connector.url, locale: 'nl-BE',
    from: opts.from, recipient: BOT,
    conversation: opts.inChannel
      ? { id: `${CHANNEL};messageid=${opts.id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT }
      : { id: `a:personal-fc-${opts.from.id}`, conversationType: 'personal', tenantId: TENANT },
    // In a channel only messages that mention the bot reach it, as in Teams.
    text: opts.inChannel ? `${mention} ${opts.text}` : opts.text,
    ...(opts.textFormat ? { textFormat: opts.textFormat } : {}),
    entities: opts.inChannel ? [{ type: 'mention', mentioned: BOT, text: mention }] : [],
    channelData: opts.inChannel ? { tenant: { id: TENANT }, team: { id: TEAM, name: 'Team Proef' }, channel: { id: CHANNEL } } : { tenant: { id: TENANT } },
  };
}

/** What must hold for every answer; returns a description of what is wrong, or undefined. */
function problemWith(replies: TReply[]): string | undefined {
  if (replies.length === 0) return 'no reply';
  for (const { activity } of replies) {
    const json = JSON.stringify(activity);
    if (RAW_ERROR.test(json)) return `raw error in ${json.slice(0, 300)}`;
    if (activity.text === GENERIC_ERROR) return 'the "something went wrong" message: a handler failed';
    const cards = (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    if (cards.some((card) => card.content?.lang !== 'nl')) return `a card not in Dutch: ${json.slice(0, 300)}`;
    if (cards.length === 0 && !activity.text) return `an answer with neither card nor text: ${json.slice(0, 300)}`;
    if (cards.length === 0 && !DUTCH_TEXTS.some((pattern) => pattern.test(activity.text!))) return `a text that is not one of the Dutch texts: ${json.slice(0, 300)}`;
  }
  return undefined;
}

describe.each(DATABASE_KINDS)('random and hostile typed messages (%s)', (kind) => {
  let database: TTestDatabase;
  let bot: TBotProcess;
  let connector: TConnector;
  let sequence = 0;

  const send = async (opts: Omit<Parameters<typeof messageActivity>[1], 'id'>) => {
    const id = `fc-${kind}-${++sequence}`;
    const response = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(connector, { ...opts, id })) });
    return { id, status: response.status, body: await response.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    connector = await startFakeConnector();
    bot = await startBotProcess({
      env: {
        NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', DATABASE_URL: database.url, NABIJ_DATA_DIR: mkdtempSync(join(tmpdir(), 'nabij-fc-cmd-')),
        NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: COORDINATOR.aadObjectId, NABIJ_DPOS: COORDINATOR.aadObjectId, NABIJ_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        NABIJ_SCHEDULER_INTERVAL_MS: '3600000', LOG_LEVEL: 'fatal',
      },
    });
    // Something to find: a bound signal channel and a contact of the worker, so commands reach their deeper paths.
    expect(problemWith(connector.repliesTo((await send({ text: 'kanaal koppelen', inChannel: true, from: COORDINATOR })).id))).toBeUndefined();
    const created = await fetch(bot.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...messageActivity(connector, { id: 'fc-setup-contact', text: '', inChannel: false, from: WORKER }), type: 'invoke', name: 'adaptiveCard/action', text: undefined,
        value: { action: { type: 'Action.Execute', verb: 'contact.create', data: { lifeEvent: 'move', detectionSource: 'own_work', firstName: 'Testvoornaam', lastName: 'Testachternaam' } } },
      }),
    });
    expect(await created.text()).toContain('is bewaard');
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    await database?.drop();
  });

  it.each([
    ['the personal chat', false],
    ['a team channel', true],
  ])(`answers ${RUNS} random messages in %s, every time in Dutch and without an error`, async (_where, inChannel) => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(messageText, textFormat, fc.boolean(), async (text, format, byCoordinator) => {
        runs += 1;
        const sent = await send({ text, inChannel, from: byCoordinator ? COORDINATOR : WORKER, textFormat: format });
        expect(sent.status, sent.body).toBeLessThan(300);
        expect(sent.body).not.toMatch(RAW_ERROR);
        expect(problemWith(connector.repliesTo(sent.id)), JSON.stringify(text).slice(0, 200)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  }, 120_000);

  it('is still healthy and answering afterwards', async () => {
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    const sent = await send({ text: 'mijn contacten', inChannel: false, from: WORKER });
    expect(JSON.stringify(connector.repliesTo(sent.id))).toContain('Testvoornaam Testachternaam');
  });
});
