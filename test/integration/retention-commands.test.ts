// The privacy-lifecycle routes in the personal chat (bot/privacy-lifecycle), called the way teams-ai calls them, on a
// real database: erasure on request with its confirmation, the access-request export over real HTTP, and closing a
// contact from its card.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';
import { accessExportDownloadHandler } from '../../bot/privacy-lifecycle/access-export-download.ts';
import { ACCESS_EXPORT_TTL_MS, createAccessExportToken } from '../../bot/privacy-lifecycle/access-export-links.ts';
import type { TServices } from '../../bot/services.ts';
import { registerLifecycleRoutes } from '../../bot/privacy-lifecycle/register-lifecycle-routes.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createRegistrationRepository } from '../../data/repositories/registrations.ts';
import { createRetentionRepository } from '../../data/repositories/retention.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { actionsOf, inputValue } from '../support/card-query.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { captureRoutes, sentCard, turn } from '../support/route-harness.ts';
import { scanForTerms } from '../support/personal-data-scan.ts';
import { fictitiousPerson, personalTerms, seedPersonEverywhere, type TSeededPerson } from '../support/seed-person.ts';

const secret = Buffer.alloc(32, 7);
const TEAM = '19:team-lifecycle@thread.tacv2';
const OTHER_TEAM = '19:team-elders@thread.tacv2';

describe.each(DATABASE_KINDS)('privacy lifecycle in the personal chat (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  const routes = captureRoutes();
  let now = new Date();
  let server: Server;
  let base: string;
  const person = fictitiousPerson(6);
  const exportedPerson = fictitiousPerson(7);
  let seeded: TSeededPerson;
  let exportedSeed: TSeededPerson;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const teams = createTeamRepository(database.db);
    // w1 works in TEAM, coordinated by c1; c2 coordinates another team; dpo1 is the DPO. c0 is named in
    // NABIJ_COORDINATORS, so started as coordinator of TEAM, and has since been made a worker there.
    const roster = [['w1', 'Werker Een'], ['c1', 'Coördinator Een'], ['c0', 'Coördinator Vroeger']].map(([id, name]) => ({ aadObjectId: id!, teamsUserId: `29:${id}`, displayName: name! }));
    await teams.syncRoster(TEAM, roster, ['c1', 'c0']);
    await database.db.teamMember.update({ where: { teamId_aadObjectId: { teamId: TEAM, aadObjectId: 'c0' } }, data: { role: 'worker' } });
    await teams.syncRoster(OTHER_TEAM, [{ aadObjectId: 'c2', teamsUserId: '29:c2', displayName: 'Coördinator Twee' }], ['c2']);
    seeded = await seedPersonEverywhere(database.db, person, { workerId: 'w1', now, conversationId: 'a:p6' });
    exportedSeed = await seedPersonEverywhere(database.db, exportedPerson, { workerId: 'w1', now, conversationId: 'a:p7' });
    const services = {
      content: loadContent(),
      contacts: createContactRepository(database.db),
      registrations: createRegistrationRepository(database.db),
      teams,
      audit: createAccessAuditRepository(database.db),
      retention: createRetentionRepository(database.db),
      retentionPolicy: { contactMonths: 24, openContactMonths: 36, notesDays: 30 },
      logger: createLogger({ level: 'silent' }),
      clock: () => now,
      coordinators: ['c0'],
      dpos: ['dpo1'],
      publicBaseUrl: 'http://127.0.0.1:1',
      linkSecret: secret,
      timeZone: 'Europe/Brussels',
    } as unknown as TServices;
    registerLifecycleRoutes(routes.app, services);
    const http = express();
    http.get('/files/access/:token', accessExportDownloadHandler(services));
    server = await new Promise<Server>((resolve) => {
      const s = http.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.dispose();
  });

  const say = async (userId: string, text: string, opts: { channelOfTeam?: string; locale?: string } = {}) => {
    const route = routes.messages.find((m) => m.pattern.test(text));
    if (!route) throw new Error(`no route for ${text}`);
    const { context, sent } = turn(userId, { text, ...opts });
    await route.handler(context, {});
    return sentCard(sent);
  };
  const press = (verb: string, userId: string, data: unknown, locale?: string) =>
    routes.actions.get(verb)!(turn(userId, { locale }).context, {}, data) as Promise<Record<string, unknown>>;
  const audit = (action: string) => database.db.accessAudit.findMany({ where: { action }, orderBy: { id: 'asc' } });

  it('understands the commands in Dutch and English, with or without a code', () => {
    const find = (text: string) => routes.messages.find((m) => m.pattern.test(text));
    for (const text of ['gegevens verwijderen K-26-0001', 'Gegevens verwijderen k-26-0001.', 'erase data K-26-0001', 'gegevens verwijderen']) expect(find(text), text).toBeDefined();
    for (const text of ['inzageverzoek K-26-0001', 'Access request K-26-0001', 'inzageverzoek']) expect(find(text), text).toBeDefined();
    expect(find('gegevens bekijken K-26-0001')).toBeUndefined();
  });

  it('refuses a worker who is not a coordinator, and writes the refusal to the access log', async () => {
    const card = JSON.stringify(await say('w1', `gegevens verwijderen ${seeded.caseCode}`));
    expect(card).toContain('Alleen een coördinator');
    expect(card).not.toContain(person.firstName);
    expect(await audit('erasure')).toMatchObject([{ actorId: 'w1', subjectId: seeded.contactId, caseCode: seeded.caseCode, detail: { refused: 'not_coordinator' } }]);
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: seeded.contactId } })).firstName).toBe(person.firstName);
  });

  it('refuses a coordinator of another team, and answers in a channel without personal data', async () => {
    expect(JSON.stringify(await say('c2', `gegevens verwijderen ${seeded.caseCode}`))).toContain('hoort niet bij een team dat jij coördineert');
    expect((await audit('erasure')).at(-1)).toMatchObject({ actorId: 'c2', subjectId: seeded.contactId, detail: { refused: 'out_of_scope' } });
    const inChannel = JSON.stringify(await say('c1', `gegevens verwijderen ${seeded.caseCode}`, { channelOfTeam: 'T-channel' }));
    expect(inChannel).not.toContain(person.firstName);
    expect(inChannel).not.toContain('Definitief');
  });

  it('asks for the code when it is missing or unknown', async () => {
    expect(JSON.stringify(await say('c1', 'gegevens verwijderen'))).toContain('gegevens verwijderen K-26-0001');
    expect(JSON.stringify(await say('c1', 'gegevens verwijderen K-99-9999'))).toContain('geen contact met dossiercode K-99-9999');
  });

  it('shows the coordinator what will go, erases only with the right code typed again, and once', async () => {
    const confirm = await say('c1', `gegevens verwijderen ${seeded.caseCode.toLowerCase()}`);
    const text = JSON.stringify(confirm);
    expect(text).toContain(`${person.firstName} ${person.lastName} · ${seeded.caseCode}`);
    expect(text).toContain('2 registraties');
    expect(text).toContain('1 open opvolging wordt geschrapt');
    expect(actionsOf(confirm).map((a) => a.verb)).toEqual(['lifecycle.erase', 'lifecycle.erase.cancel']);
    expect((await audit('contact.read')).at(-1)).toMatchObject({ actorId: 'c1', subjectId: seeded.contactId, detail: { view: 'erasure_confirm' } });

    const wrong = await press('lifecycle.erase', 'c1', { contactId: seeded.contactId, confirmCaseCode: 'K-26-9999' });
    expect(JSON.stringify(wrong)).toContain('Die code klopt niet');
    expect(inputValue(wrong, 'confirmCaseCode')).toBe('K-26-9999');
    expect(JSON.stringify(await press('lifecycle.erase.cancel', 'c1', {}))).toContain('Er is niets verwijderd.');
    // A worker pressing a forwarded card is refused; a tampered payload gets the unknown-action notice.
    expect(JSON.stringify(await press('lifecycle.erase', 'w1', { contactId: seeded.contactId, confirmCaseCode: seeded.caseCode }))).toContain('Alleen een coördinator');
    expect(JSON.stringify(await press('lifecycle.erase', 'c1', { contactId: 'not-an-id', confirmCaseCode: seeded.caseCode }))).not.toContain(person.firstName);
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: seeded.contactId } })).anonymisedAt).toBeNull();

    const done = JSON.stringify(await press('lifecycle.erase', 'c1', { contactId: seeded.contactId, confirmCaseCode: ` ${seeded.caseCode.toLowerCase()} ` }));
    expect(done).toContain(`Gegevens van ${seeded.caseCode} verwijderd`);
    expect(await scanForTerms(database, personalTerms(person))).toEqual([]);
    const again = JSON.stringify(await press('lifecycle.erase', 'c1', { contactId: seeded.contactId, confirmCaseCode: seeded.caseCode }));
    expect(again).toContain('waren al verwijderd');
    expect((await audit('erasure')).filter((a) => !(a.detail as { refused?: string } | null)?.refused)).toHaveLength(1);
  });

  it('gives a coordinator two signed links for an access request, and each opens the export once checked', async () => {
    const card = await say('c1', `inzageverzoek ${exportedSeed.caseCode}`);
    const urls = actionsOf(card).map((a) => (a as { url?: string }).url!);
    expect(urls).toHaveLength(2);
    expect(JSON.stringify(card)).not.toContain(exportedPerson.firstName);
    expect((await audit('export.access_request')).at(-1)).toMatchObject({ actorId: 'c1', subjectId: exportedSeed.contactId, detail: { step: 'links' } });
    const local = (url: string) => url.replace('http://127.0.0.1:1', base);

    const json = await fetch(local(urls[1]!));
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="inzage-${exportedSeed.caseCode}.json"`);
    const data = (await json.json()) as Record<string, { [key: string]: unknown }[] & Record<string, unknown>>;
    expect(data.contact).toMatchObject({ firstName: exportedPerson.firstName, phone: exportedPerson.phone, email: exportedPerson.email });
    expect((data.registrations as unknown as { version: number; status: string }[]).map((r) => [r.version, r.status])).toEqual([[1, 'submitted'], [2, 'draft']]);
    expect(data.notes).toHaveLength(1);
    expect(data.followUps).toHaveLength(2);
    expect(data.signals).toHaveLength(1);
    expect(data.llmCalls).toHaveLength(1);
    expect((data.audit as unknown as { action: string }[]).map((a) => a.action)).toContain('export.access_request');

    const docx = await fetch(local(urls[0]!));
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const core = await zip.file('docProps/core.xml')!.async('string');
    for (const expected of ['Overzicht van uw gegevens', exportedPerson.firstName, exportedPerson.street, exportedPerson.noteWord, 'Versie 2', 'Wie uw dossier bekeek of wijzigde', 'Coördinator Een']) {
      expect(xml, expected).toContain(expected);
    }
    expect(core).not.toContain(exportedPerson.firstName);
    expect((await audit('export.access_request')).filter((a) => (a.detail as { step?: string }).step === 'download').map((a) => (a.detail as { format: string }).format)).toEqual(['json', 'docx']);
  });

  it('refuses expired, tampered and no-longer-allowed links, and links for someone who is not a coordinator', async () => {
    const token = (requesterId: string, expiresAt: number) => createAccessExportToken({ contactId: exportedSeed.contactId, requesterId, format: 'json', expiresAt }, secret);
    expect((await fetch(`${base}/files/access/${token('c1', now.getTime() - 1)}`)).status).toBe(410);
    expect((await fetch(`${base}/files/access/${token('c1', now.getTime() + ACCESS_EXPORT_TTL_MS)}x`)).status).toBe(404);
    const foreign = await fetch(`${base}/files/access/${token('w1', now.getTime() + ACCESS_EXPORT_TTL_MS)}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain(exportedPerson.firstName);
    // The DPO may handle any contact.
    expect((await fetch(`${base}/files/access/${token('dpo1', now.getTime() + ACCESS_EXPORT_TTL_MS)}`)).status).toBe(200);
    expect(JSON.stringify(await say('w1', `inzageverzoek ${exportedSeed.caseCode}`))).toContain('Alleen een coördinator');
  });

  it('refuses someone named in NABIJ_COORDINATORS who is now a worker in their team: the current role counts', async () => {
    const contactId = exportedSeed.contactId;
    expect(JSON.stringify(await say('c0', `gegevens verwijderen ${exportedSeed.caseCode}`))).toContain('Alleen een coördinator');
    expect((await audit('erasure')).at(-1)).toMatchObject({ actorId: 'c0', detail: { refused: 'not_coordinator' } });
    expect(JSON.stringify(await press('lifecycle.erase', 'c0', { contactId, confirmCaseCode: exportedSeed.caseCode }))).toContain('Alleen een coördinator');
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: contactId } })).anonymisedAt).toBeNull();
    expect(JSON.stringify(await say('c0', `inzageverzoek ${exportedSeed.caseCode}`))).toContain('Alleen een coördinator');
    expect((await audit('export.access_request')).at(-1)).toMatchObject({ actorId: 'c0', detail: { refused: 'not_coordinator' } });
    const link = createAccessExportToken({ contactId, requesterId: 'c0', format: 'json', expiresAt: now.getTime() + ACCESS_EXPORT_TTL_MS }, secret);
    expect((await fetch(`${base}/files/access/${link}`)).status).toBe(404);
  });

  it('closes a contact from its card after a confirmation: status, date, timeline entry and audit, once', async () => {
    const contactId = exportedSeed.contactId;
    const ask = await press('lifecycle.close.ask', 'w1', { contactId }, 'en-GB');
    expect(JSON.stringify(ask)).toContain(`Close contact ${exportedSeed.caseCode}?`);
    expect(JSON.stringify(ask)).toContain('After 24 months');
    // Someone who may not change it cannot close it.
    await press('lifecycle.close', 'c2', { contactId });
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: contactId } })).status).not.toBe('closed');

    now = new Date(now.getTime() + 60_000);
    const closed = JSON.stringify(await press('lifecycle.close', 'w1', { contactId }));
    expect(closed).toContain(`Contact ${exportedSeed.caseCode} is afgesloten.`);
    expect(closed).toContain('Contact afgesloten');
    expect(closed).not.toContain('lifecycle.close.ask');
    const contact = await database.db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect([contact.status, contact.closedAt?.getTime()]).toEqual(['closed', now.getTime()]);
    expect(await database.db.contactEvent.count({ where: { contactId, type: 'closed' } })).toBe(1);
    expect((await audit('contact.update')).at(-1)).toMatchObject({ actorId: 'w1', subjectId: contactId, detail: { change: 'closed' } });

    expect(JSON.stringify(await press('lifecycle.close', 'w1', { contactId }))).toContain('was al afgesloten');
    expect(await database.db.contactEvent.count({ where: { contactId, type: 'closed' } })).toBe(1);
  });
});
