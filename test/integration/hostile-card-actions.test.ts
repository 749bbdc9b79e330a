// Thousands of random and hostile card actions (invokes) straight at the bot's endpoint: the bot never fails,
// never shows a stack trace or raw error, and always answers with a card or a message in Dutch.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { TEST_ENCRYPTION_KEYS } from '../support/local-teams.ts';

const VERBS = ['contact.new', 'contact.list', 'contact.create', 'contact.open', 'prep.open', 'prep.save', 'prep.back', 'letter.create', 'guide.open',
  'reg.open', 'reg.step', 'reg.save', 'reg.search', 'reg.submit', 'showWelcome', 'showHelp', 'showPrivacy',
  'signal.new', 'signal.edit', 'signal.preview', 'signal.post', 'signal.markDiscussed', 'signal.markAgenda', 'signal.markFollowUp',
  'followUp.list', 'followUp.completeForm', 'followUp.complete', 'followUp.assignForm', 'followUp.assign',
  'team.settings', 'team.saveSettings', 'delivery.retry', 'digest.markAllDiscussed'];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '../../etc/passwd', "'; DROP TABLE \"Contact\";--", '${7*7}', '{{constructor}}', '<script>alert(1)</script>', '\u0000', '9'.repeat(400), '2026-02-31', '00000000-0000-0000-0000-000000000000'),
);
const hostileValue = fc.oneof(hostileString, fc.integer(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));
const actionData = fc.dictionary(
  fc.oneof(fc.constantFrom('contactId', 'stepId', 'go', 'firstName', 'lastName', 'lifeEvent', 'detectionSource', 'visitDate', 'visitTime', 'services', 'search',
    'signalId', 'teamId', 'theme', 'area', 'text', 'note', 'followUpId', 'outcome', 'caseCode', 'assigneeId', 'dueDate', '__proto__', 'constructor'), fc.string({ maxLength: 12 })),
  hostileValue,
  { maxKeys: 8 },
);
const verb = fc.oneof(fc.constantFrom(...VERBS), hostileString);
const RUNS = 1000;
const STEP_IDS = ['visit', 'domains_a', 'domains_b', 'wellbeing', 'actions', 'referrals', 'follow_up'];

function invoke(endpoint: string, id: string, verbName: string, data: unknown): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke', name: 'adaptiveCard/action', id, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/',
      from: { id: '29:fc', aadObjectId: 'fc-user' }, recipient: { id: '28:bot' }, conversation: { id: 'a:fc', conversationType: 'personal' },
      channelData: { tenant: { id: 't1' } }, locale: 'nl-BE',
      value: { action: { type: 'Action.Execute', verb: verbName, data } },
    }),
  });
}

describe.each(DATABASE_KINDS)('hostile card actions (%s)', (kind) => {
  let bot: TBotProcess;
  let database: TTestDatabase | undefined;
  let realContactId: string;
  beforeAll(async () => {
    // SQLite through NABIJ_DATA_DIR (the default path); PostgreSQL, where text cannot hold every character SQLite takes.
    database = kind === 'postgresql' ? await createTestDatabase(kind) : undefined;
    const where: Record<string, string> = database ? { DATABASE_URL: database.url, NABIJ_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS } : { DATABASE_URL: '', NABIJ_DATA_DIR: mkdtempSync(join(tmpdir(), 'nabij-fc-')) };
    bot = await startBotProcess({ env: { NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', ...where, NABIJ_FORCE_LOCALE: 'nl', LOG_LEVEL: 'fatal' } });
    // A real contact of this worker, so that random data also reaches the deeper paths (saving steps, preparation).
    const created = await (await invoke(bot.endpoint, 'setup', 'contact.create', { lifeEvent: 'move', detectionSource: 'own_work', firstName: 'Testvoornaam', lastName: 'Testachternaam' })).text();
    realContactId = /"contactId":"([0-9a-f-]{36})"/.exec(created)![1]!;
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.drop();
  });

  it('answers every random action with a card or a Dutch message, never an error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(verb, actionData, fc.boolean(), fc.constantFrom(...STEP_IDS), async (v, data, forRealContact, stepId) => {
        n += 1;
        const payload = forRealContact ? { ...data, contactId: realContactId, stepId } : data;
        const response = await invoke(bot.endpoint, `fc-${n}`, v, payload);
        const text = await response.text();
        expect(response.status, text).toBe(200);
        const body = JSON.parse(text) as { statusCode: number; type: string; value: unknown };
        expect(body.statusCode).toBe(200);
        expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message']).toContain(body.type);
        expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|TypeError|PrismaClient|ZodError|Invalid input/);
        // No handler may fail on bad input: every answer is a card in Dutch (the generic error message would mean a crash).
        expect(body.type, String(body.value)).toBe('application/vnd.microsoft.card.adaptive');
        expect((body.value as { lang?: string }).lang).toBe('nl');
      }),
      { numRuns: RUNS },
    );
    expect(n).toBe(RUNS);
    expect(bot.child.exitCode).toBeNull();
  }, 180_000);
});
