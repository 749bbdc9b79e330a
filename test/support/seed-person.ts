// One fictitious person, stored everywhere Nabij can hold something about them, through the real repositories:
// contact, preparation, registration (a submitted version and a correction draft), dictated notes and the AI
// suggestion made from them, follow-ups (one open, one done) with their outbox message, the teams-ai conversation
// state that points at the contact, a signal with the case code, an AI call and an access-audit entry.
import { randomUUID } from 'node:crypto';
import type { TDb } from '../../data/client.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { DatabaseStorage } from '../../data/repositories/bot-storage.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { createRegistrationRepository } from '../../data/repositories/registrations.ts';
import { createSignalRepository } from '../../data/repositories/signals.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';

export interface TPerson {
  firstName: string;
  lastName: string;
  street: string;
  phone: string;
  email: string;
  birthDate: string;
  /** A word that appears only in this person's notes and free text (the name of their dog). */
  noteWord: string;
}

const FIRST = ['Mariette', 'Gilberte', 'Rosalinde', 'Ferdinanda', 'Wivina', 'Leontien', 'Hermance', 'Godelieve'];
const LAST = ['Zonnebloemveld', 'Klaprozenhof', 'Lindebladt', 'Meidoornbeek', 'Wilgenroos', 'Essenhage', 'Berkenkamp', 'Hazelaerts'];
const STREET = ['Kastanjedreef', 'Notelaarpad', 'Vlierbesweg', 'Sleedoornlaan', 'Hulstbeekstraat', 'Taxusgaarde', 'Ratelpopulier', 'Ligusterhof'];
const DOG = ['Kwispelstaart', 'Snuffeltje', 'Pluizebol', 'Wipneusje', 'Dartelvoet', 'Zwierbengel', 'Kruimeltje', 'Tjiftjaf'];

/** A fictitious person whose every value is unique to `n` (0–7), so a scan can tell people apart. */
export function fictitiousPerson(n: number): TPerson {
  const i = n % FIRST.length;
  return {
    firstName: FIRST[i]!,
    lastName: LAST[i]!,
    street: STREET[i]!,
    phone: `0470 55 ${String(10 + i).padStart(2, '0')} ${String(40 + i).padStart(2, '0')}`,
    email: `${FIRST[i]!.toLowerCase()}.${LAST[i]!.toLowerCase()}@example.org`,
    birthDate: `193${i}-0${1 + (i % 9)}-1${i}`,
    noteWord: DOG[i]!,
  };
}

/** The terms a scan must not find after the person's data is gone. */
export function personalTerms(person: TPerson): string[] {
  return [person.firstName, person.lastName, person.street, person.phone, person.email, person.birthDate, person.noteWord];
}

export interface TSeededPerson {
  contactId: string;
  caseCode: string;
  openFollowUpId: string;
  doneFollowUpId: string;
  notesId: string;
  signalId: string;
  /** The outbox messages about this person (the follow-up assignment); the signal post is about the signal. */
  outboxIds: number[];
  conversationKey: string;
}

export const TEAM_ID = '19:team-retention@thread.tacv2';

export async function seedPersonEverywhere(db: TDb, person: TPerson, opts: { workerId: string; now: Date; conversationId: string; notesStatus?: 'collecting' | 'summarised' }): Promise<TSeededPerson> {
  const { workerId, now } = opts;
  const contacts = createContactRepository(db);
  const registrations = createRegistrationRepository(db);
  const visitNotes = createVisitNotesRepository(db);
  const followUps = createFollowUpRepository(db);
  const outbox = createOutboxRepository(db);
  const signals = createSignalRepository(db);
  const audit = createAccessAuditRepository(db);
  const { firstName, lastName, street, phone, email, birthDate, noteWord } = person;

  const contact = await contacts.create(
    {
      lifeEvent: 'partner_death', eventDate: '2026-09-14', detectionSource: 'own_work', consentStatus: 'not_needed', firstName, lastName, street,
      houseNumber: '12', postalCode: '9999', municipality: 'Voorbeeldgemeente', phone, email, birthDate, relatives: `dochter woont bij ${firstName} om de hoek`,
    },
    { workerId, now },
  );
  await contacts.savePreparation(contact.id, workerId, {
    checklist: { letter_sent: true }, visitDate: '2026-12-03', visitTime: '14:30', visitPlace: 'home', visitPlaceNote: `aanbellen bij ${lastName}, ${street} 12`,
  });

  await registrations.saveStep(contact.id, workerId, 'visit', { visitDate: '2026-12-03', visitors: 'Sam', place: 'home', present: `${firstName} en haar dochter` });
  await registrations.saveStep(contact.id, workerId, 'domains_a', { physicalStatus: 'attention', physicalNotes: `${firstName} wandelt elke dag met ${noteWord}` });
  await registrations.submit(contact.id, workerId, now);
  await registrations.saveStep(contact.id, workerId, 'visit', { visitDate: '2026-12-03', visitors: 'Sam', place: 'home', present: `buurvrouw, bereikbaar op ${phone}` });

  const notes = await visitNotes.append(contact.id, workerId, `Bezoek bij ${firstName} ${lastName} in de ${street}. ${noteWord} blafte de hele tijd.`);
  await visitNotes.append(contact.id, workerId, `Mail naar ${email}; geboren ${birthDate}.`);
  await visitNotes.saveSuggestion(notes.id, contact.id, {
    accepted: [{ field: 'strengths', value: `wandelt met ${noteWord}`, quotes: [`${firstName} ${lastName}`, `${noteWord} blafte`] }],
    rejected: [{ field: 'worries', reason: 'not_grounded' }],
  });
  if (opts.notesStatus === 'summarised') await visitNotes.setStatus(notes.id, 'summarised');
  await visitNotes.audit({ workerId, caseCode: contact.caseCode, model: 'test-model', requestBytes: 100, responseBytes: 50, latencyMs: 10, outcome: 'ok' });

  const outboxIds: number[] = [];
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const open = await followUps.assign(
    { contactId: contact.id, teamId: TEAM_ID, assigneeId: 'w-assignee', assignedBy: 'c-coordinator', dueDate: inDays(7), mode: 'phone', reason: 'agreed', reasonNote: `${firstName} vraagt naar de hondenschool voor ${noteWord}` },
    now,
    async (tx, created) => outboxIds.push(await outbox.enqueue({ target: 'user:w-assignee', teamId: TEAM_ID, kind: 'followUp.assigned', payload: { followUpId: created.id, locale: 'nl' } }, tx)),
  );
  const done = await followUps.assign({ contactId: contact.id, teamId: TEAM_ID, assigneeId: workerId, assignedBy: 'c-coordinator', dueDate: inDays(-3), mode: 'visit', reason: 'worry' }, now);
  await followUps.complete({ id: done.id, assigneeId: workerId, outcome: 'reached_ok', outcomeNote: `${lastName} gebeld op ${phone}, gaat beter`, now });

  // teams-ai's conversation state while the worker dictates notes for this contact (bot/notes/notes-handlers.ts).
  const conversationKey = `msteams/bot-id/conversations/${opts.conversationId}`;
  await new DatabaseStorage(db).write({
    [conversationKey]: { notesFor: contact.id, notesCardId: '1733234567890', eTag: '*' },
    [`msteams/bot-id/users/29:${workerId}`]: { welcomedAt: now.toISOString(), eTag: '*' },
  });

  const signal = await signals.create(
    {
      id: randomUUID(), teamId: TEAM_ID, theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'partner_death', ageBand: '85_plus',
      area: 'Voorbeeldgemeente', text: 'Geen vervoer naar de rouwgroep op dinsdagavond; wie niet meer rijdt, blijft thuis.', caseCode: contact.caseCode, source: 'registration', createdBy: workerId,
    },
    (tx, saved) => outbox.enqueue({ target: '19:kanaal@thread.tacv2', teamId: TEAM_ID, kind: 'signal.post', payload: { signalId: saved.id } }, tx),
  );
  await audit.append({ actorId: workerId, action: 'contact.read', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: { view: 'detail' } });

  return { contactId: contact.id, caseCode: contact.caseCode, openFollowUpId: open.id, doneFollowUpId: done.id, notesId: notes.id, signalId: signal.signal.id, outboxIds, conversationKey };
}
