// "Terug naar het contact" on the preparation card keeps what was typed: a changed card is saved (with its
// access-log entry), a problem shows the same card with the values kept, an untouched card or a reader's leaves
// nothing behind; saving the same card twice (Bewaren, then the letter) writes once. Both databases, through the
// real handlers; the real client in test/e2e/worker-journey-protocol.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { inputValue } from '../support/card-query.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { auditRows, buildServices, newContact, registerAll, setUpTeam, textOf, turn } from './access-harness.ts';

describe.each(DATABASE_KINDS)('leaving the preparation card (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let routes: ReturnType<typeof registerAll>;
  let contact: TContactRecord;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    routes = registerAll(buildServices(database.db));
    await setUpTeam(database.db, 'P1', { 'w-prep': 'worker', 'c-prep': 'coordinator' });
    contact = await newContact(database.db, 'w-prep');
  });
  afterAll(async () => database?.dispose());

  const back = (by: string, values: Record<string, string>) => routes.action('prep.back', turn(by).context, { contactId: contact.id, ...values });
  const stored = () => database.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
  const changes = async () => (await auditRows(database.db, { action: 'contact.update', subjectId: contact.id })).length;
  const events = () => database.db.contactEvent.count({ where: { contactId: contact.id } });

  it('saves what was typed and opens the contact with a notice', async () => {
    const card = await back('w-prep', { visitDate: '2027-03-02', visitTime: '14:30', visitPlace: 'home', visitPlaceNote: 'bellen aan de achterdeur' });
    expect(textOf(card)).toContain('Voorbereiding bewaard.');
    expect(textOf(card)).toContain(contact.caseCode);
    expect(await stored()).toMatchObject({ visitDate: '2027-03-02', visitTime: '14:30', visitPlace: 'home', visitPlaceNote: 'bellen aan de achterdeur', status: 'visit_planned' });
    expect(await changes()).toBe(1);
  });

  it('leaves an untouched card without a save, a timeline entry or a log entry', async () => {
    const [eventsBefore, changesBefore] = [await events(), await changes()];
    const card = await back('w-prep', { visitDate: '2027-03-02', visitTime: '14:30', visitPlace: 'home', visitPlaceNote: 'bellen aan de achterdeur ' });
    expect(textOf(card)).not.toContain('Voorbereiding bewaard.');
    expect(textOf(card)).toContain(contact.caseCode);
    expect([await events(), await changes()]).toEqual([eventsBefore, changesBefore]);
  });

  it('shows the same card with the problem marked and every typed value kept', async () => {
    const card = await back('w-prep', { visitDate: '2027-02-31x', visitTime: '09:00', visitPlace: 'home', visitPlaceNote: 'nieuwe afspraak' });
    expect(textOf(card)).toContain('Geen geldige datum.');
    expect(inputValue(card, 'visitDate')).toBe('2027-02-31x');
    expect(inputValue(card, 'visitTime')).toBe('09:00');
    expect(inputValue(card, 'visitPlaceNote')).toBe('nieuwe afspraak');
    expect(textOf(card)).not.toContain('Voorbereiding bewaard.');
    expect((await stored()).visitTime).toBe('14:30');
  });

  it('writes a preparation once: saving, then making the letter with the same card adds one timeline and one log entry', async () => {
    const card = { contactId: contact.id, visitDate: '2027-03-09', visitTime: '10:00', visitPlace: 'home', visitPlaceNote: '' };
    const [eventsBefore, changesBefore] = [await events(), await changes()];
    expect(textOf(await routes.action('prep.save', turn('w-prep').context, card))).toContain('Voorbereiding bewaard.');
    expect(textOf(await routes.action('letter.create', turn('w-prep').context, card))).toContain('/files/letter/');
    expect(textOf(await back('w-prep', card))).not.toContain('Voorbereiding bewaard.');
    expect([await events(), await changes()]).toEqual([eventsBefore + 1, changesBefore + 1]);
  });

  it('takes a colleague who may only read straight back to the contact, saving nothing', async () => {
    const card = await back('c-prep', { visitDate: '2027-05-05', visitPlace: 'elsewhere' });
    expect(textOf(card)).toContain(contact.caseCode);
    expect((await stored()).visitDate).toBe('2027-03-09');
  });
});
