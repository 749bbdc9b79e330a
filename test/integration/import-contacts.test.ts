import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContacts } from '../../bot/contacts/import-contacts.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { openDatabase } from '../../data/client.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/contacts-1000.csv');
const BAD_LINES = [45, 148, 312, 467, 643, 830, 1010];

describe.each(DATABASE_KINDS)('importing a civil-affairs list of 1,000 rows (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it('stores every good row with its own case code and reports each bad row by line, losing no good row', async () => {
    const outcome = await importContacts({
      csv: readFileSync(FIXTURE),
      workerId: 'worker-1',
      content: loadContent(),
      contacts: createContactRepository(database.db),
      now: new Date('2026-11-23T10:00:00Z'),
      via: 'command',
      audit: { log: createAccessAuditRepository(database.db), actorId: 'worker-1' },
    });
    expect(outcome.totalRows).toBe(1000);
    // One access-log entry for the whole import: the count and the range of case codes, no names.
    expect((await database.db.accessAudit.findMany({ where: { action: 'contact.import' } })).map((a) => [a.actorId, a.detail])).toEqual([
      ['worker-1', { count: 993, firstCaseCode: 'K-26-0001', lastCaseCode: 'K-26-0993', via: 'command', assignedTo: 'worker-1' }],
    ]);
    expect(outcome.imported).toBe(993);
    expect(outcome.errors.map((e) => e.line)).toEqual(BAD_LINES);
    expect(await database.db.contact.count({ where: { assignedWorkerId: 'worker-1' } })).toBe(993);
    expect(await database.db.contactEvent.count({ where: { type: 'created' } })).toBe(993);
    const codes = (await database.db.contact.findMany({ select: { caseCode: true }, orderBy: { caseCode: 'asc' } })).map((c) => c.caseCode);
    expect(new Set(codes).size).toBe(993);
    expect(codes[0]).toBe('K-26-0001');
    expect(codes.at(-1)).toBe('K-26-0993');
  });

  it('continues the case-code sequence for contacts created afterwards', async () => {
    const next = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'worker-1', now: new Date('2026-12-01T10:00:00Z') },
    );
    expect(next.caseCode).toBe('K-26-0994');
  });
});

describe('npm run import:contacts', () => {
  it('imports the file into the configured database, lists bad rows by line and exits non-zero when some were rejected', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nabij-import-'));
    const run = promisify(execFile);
    const result = await run(process.execPath, ['--import', 'tsx', 'scripts/import-contacts.ts', FIXTURE, '--worker', 'worker-cli'], {
      cwd: ROOT,
      env: { ...process.env, NABIJ_DATA_DIR: dataDir, DATABASE_URL: '' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('993 van 1000 rijen geïmporteerd');
    for (const line of BAD_LINES) expect(result.stdout).toContain(`regel ${line}`);
    const { db, close } = await openDatabase(`file:${join(dataDir, 'nabij.db')}`);
    expect(await db.contact.count()).toBe(993);
    await close();
  });
});
