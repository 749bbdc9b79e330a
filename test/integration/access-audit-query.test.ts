// Querying the access log in the personal chat: only coordinators (within their teams) and DPOs, by case code or by
// person, newest first in pages, Brussels time, every query itself logged. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServices } from '../../bot/services.ts';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { actionsOf, inputOf } from '../support/card-query.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { auditRows, buildServices, newContact, registerAll, setUpTeam, textOf, turn, type TCard } from './access-harness.ts';

const MAX_CARD_BYTES = 28 * 1024;

describe.each(DATABASE_KINDS)('querying the access log (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let services: TServices;
  let routes: ReturnType<typeof registerAll>;
  let k1: TContactRecord;
  let k9: TContactRecord;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    services = buildServices(database.db, { dpos: ['dpo-1'] });
    routes = registerAll(services);
    await setUpTeam(database.db, 'T1', { w1: 'worker', c1: 'coordinator' });
    await setUpTeam(database.db, 'T2', { w9: 'worker', c9: 'coordinator' });
    k1 = await newContact(database.db, 'w1');
    k9 = await newContact(database.db, 'w9');
    await routes.action('contact.open', turn('w1').context, { contactId: k1.id });
    await routes.action('contact.open', turn('c1').context, { contactId: k1.id });
    await routes.action('contact.open', turn('w9').context, { contactId: k9.id });
  });
  afterAll(async () => database?.dispose());

  const lastQuery = async () => (await auditRows(database.db, { action: 'audit.query' })).at(-1);

  it('refuses a worker, in Dutch, and logs the attempt', async () => {
    const byCode = textOf(await routes.message(`audit ${k1.caseCode}`, 'w1'));
    expect(byCode).toContain('Het toegangslog kan alleen een coördinator of de functionaris voor gegevensbescherming (DPO) bekijken.');
    expect(byCode).not.toContain('Collega');
    expect(await lastQuery()).toEqual({ actorId: 'w1', action: 'audit.query', subject: 'audit', subjectId: k1.id, caseCode: k1.caseCode, detail: { by: 'contact', refused: true } });
    expect(textOf(await routes.message('audit', 'w1'))).toContain('Het toegangslog kan alleen');
    expect(await lastQuery()).toEqual({ actorId: 'w1', action: 'audit.query', subject: 'audit', subjectId: null, caseCode: null, detail: { by: 'form', refused: true } });
    expect(textOf(await routes.action('audit.show', turn('w1').context, { actorId: 'c1' }))).toContain('Het toegangslog kan alleen');
  });

  it('shows a coordinator the log of a contact of their team, newest first, with names and Dutch labels', async () => {
    const card = await routes.message(`audit ${k1.caseCode}`, 'c1');
    const text = textOf(card);
    expect(text).toContain(`Toegangslog van ${k1.caseCode}`);
    expect(text).toContain('Regels 1 tot 4 van 4, de nieuwste eerst.');
    expect(text).toContain('Toegangslog opgevraagd'); // this query itself, first
    expect(text).toContain('Toegangslog opgevraagd (geweigerd)'); // the worker's refused attempt on this contact
    expect(text).toContain('Bekeken: contactfiche (contact van een collega)');
    expect(text.indexOf('Toegangslog opgevraagd')).toBeLessThan(text.indexOf('Collega w1'));
    expect(text).not.toContain('Testvoornaam');
    expect(await lastQuery()).toEqual({ actorId: 'c1', action: 'audit.query', subject: 'audit', subjectId: k1.id, caseCode: k1.caseCode, detail: { by: 'contact' } });
  });

  it('refuses a coordinator a contact outside their teams the same way as one that does not exist', async () => {
    const other = textOf(await routes.message(`audit ${k9.caseCode}`, 'c1'));
    const missing = textOf(await routes.message('audit K-27-9999', 'c1'));
    expect(other).toContain('Dat valt buiten je teams.');
    expect(missing).toBe(other);
    expect(await lastQuery()).toMatchObject({ actorId: 'c1', caseCode: 'K-27-9999', detail: { by: 'contact', refused: true } });
  });

  it('finds a person of the coordinator\'s teams by name, and oneself with "audit mij"', async () => {
    expect(textOf(await routes.message('audit collega W1', 'c1'))).toContain('Toegangslog van Collega w1');
    expect(await lastQuery()).toEqual({ actorId: 'c1', action: 'audit.query', subject: 'audit', subjectId: 'w1', caseCode: null, detail: { by: 'actor' } });
    expect(textOf(await routes.message('audit mij', 'c1'))).toContain('Toegangslog van Collega c1');
    const outside = await routes.message('audit Collega w9', 'c1');
    expect(textOf(outside)).toContain("Ik vind niemand met 'Collega w9' bij wie je het log mag bekijken.");
    expect(textOf(await routes.action('audit.show', turn('c1').context, { actorId: 'w9' }))).toContain('Dat valt buiten je teams.');
  });

  it('offers the coordinator a card with the people of their teams only', async () => {
    const card = await routes.message('audit', 'c1');
    const choices = (inputOf(card, 'actorId') as { choices: { title: string }[] }).choices.map((c) => c.title);
    expect(choices).toEqual(['Collega c1', 'Collega w1']);
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['audit.show']);
  });

  it('lets a DPO query any contact and anyone, by code, by name and with the card', async () => {
    expect(textOf(await routes.message(`audit ${k9.caseCode}`, 'dpo-1'))).toContain('Bekeken: contactfiche');
    const form = await routes.message('audit', 'dpo-1');
    expect((inputOf(form, 'actorId') as { choices: { title: string }[] }).choices.map((c) => c.title)).toEqual(['Collega c1', 'Collega c9', 'Collega dpo-1', 'Collega w1', 'Collega w9']);
    expect(textOf(await routes.message('audit collega', 'dpo-1'))).toContain("Meer dan één medewerker past bij 'collega'. Kies wie je bedoelt.");
    expect(textOf(await routes.action('audit.show', turn('dpo-1').context, { caseCode: k1.caseCode.toLowerCase(), actorId: '' }))).toContain(`Toegangslog van ${k1.caseCode}`);
    expect(textOf(await routes.action('audit.show', turn('dpo-1').context, { actorId: 'w9' }))).toContain('Toegangslog van Collega w9');
    expect(textOf(await routes.action('audit.show', turn('dpo-1').context, { caseCode: 'K-1' }))).toContain('Een casuscode ziet eruit als K-26-0001.');
    expect(textOf(await routes.action('audit.show', turn('dpo-1').context, { caseCode: '', actorId: '' }))).toContain('Vul een casuscode in of kies een medewerker.');
    // A case code without a contact (erased, or never there): the DPO still sees what the log holds for it.
    expect(textOf(await routes.message('audit K-27-9999', 'dpo-1'))).toContain('Toegangslog opgevraagd');
  });

  it('shows times in Brussels time, summer and winter', async () => {
    await database.db.accessAudit.create({ data: { at: new Date('2026-07-01T12:00:00Z'), actorId: 'w1', action: 'contact.read', subject: 'contact', caseCode: 'K-26-0777', detail: { view: 'guide' } } });
    await database.db.accessAudit.create({ data: { at: new Date('2026-01-15T12:00:00Z'), actorId: 'w1', action: 'letter.download', subject: 'contact', caseCode: 'K-26-0777' } });
    const text = textOf(await routes.message('audit K-26-0777', 'dpo-1'));
    expect(text).toContain('01/07/2026 14:00');
    expect(text).toContain('15/01/2026 13:00');
    expect(text).toContain('Collega dpo-1'); // the DPO's own query, under their Teams name
    expect(text).toContain('Bekeken: gespreksgids');
    expect(text).toContain('Aankondigingsbrief gedownload');
    const english = await routes.action('audit.show', turn('dpo-1', { locale: 'en-GB' }).context, { caseCode: 'K-26-0777' });
    expect(textOf(english)).toContain('Access log of K-26-0777');
    expect(textOf(english)).toContain('Viewed: conversation guide');
  });

  it('pages through a long log: 40 rows a card, says how many more, and the next page continues without overlap', async () => {
    for (let i = 0; i < 45; i += 1) await services.audit.append({ actorId: 'w1', action: 'contact.read', subject: 'contact', subjectId: k1.id, caseCode: k1.caseCode, detail: { view: 'guide' } });
    const total = (await database.db.accessAudit.count({ where: { OR: [{ subjectId: k1.id }, { caseCode: k1.caseCode }] } })) + 1; // + this query
    const first: TCard = await routes.message(`audit ${k1.caseCode}`, 'dpo-1');
    expect(JSON.stringify(first).length).toBeLessThan(MAX_CARD_BYTES);
    expect(textOf(first)).toContain(`Regels 1 tot 40 van ${total}, de nieuwste eerst. Nog ${total - 40} oudere regels.`);
    const older = actionsOf(first).find((a) => a.verb === 'audit.show')!;
    expect(older.title).toBe('Oudere regels');
    const second = await routes.action('audit.show', turn('dpo-1').context, older.data);
    // The second query is logged too, as the newest row: the second page still counts from the first.
    expect(textOf(second)).toContain(`Regels 41 tot ${total} van ${total}, de nieuwste eerst.`);
    expect(textOf(second)).not.toContain('oudere');
    expect(actionsOf(second).map((a) => a.verb)).toEqual(['audit.form']);
    const rows = (card: TCard) => ((card.body as { columns?: unknown[] }[]).filter((b) => b.columns && !JSON.stringify(b).includes('Bolder'))).length;
    expect(rows(first) + rows(second)).toBe(total);
  });

  it('logs every query, and never a citizen\'s name', async () => {
    const queries = await auditRows(database.db, { action: 'audit.query' });
    // By code (3), by person (1), Brussels time (2), two pages (2); showing the card or a name search with several
    // matches reads nothing from the log.
    expect(queries.filter((q) => q.actorId === 'dpo-1')).toHaveLength(8);
    expect(JSON.stringify(await auditRows(database.db))).not.toMatch(/Testvoornaam|Testachternaam|Voorbeeldstraat/);
  });
});
