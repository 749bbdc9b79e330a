import { randomUUID } from 'node:crypto';
import type { TDb } from '../client.ts';
import { Prisma } from '../generated/postgresql/client.ts';

// Irreversible anonymisation of contacts, shared by the retention purge and erasure on request. What stays is
// what the municipality counts with: case code, life event, detection source, consent status, the month of the
// event and of the visit, the assigned worker (staff), the timeline's event types and dates, done follow-ups
// without their notes, and the anonymous signals (which never pointed at a contact).

type TTx = Prisma.TransactionClient;

/** Stands in for the required first and last name of an anonymised contact. */
export const ANONYMISED_NAME = '—';

/** Every personal field of Contact, emptied. */
const CLEARED_CONTACT_FIELDS = {
  firstName: ANONYMISED_NAME,
  lastName: ANONYMISED_NAME,
  street: null,
  houseNumber: null,
  postalCode: null,
  municipality: null,
  phone: null,
  email: null,
  birthDate: null,
  relatives: null,
  checklist: Prisma.DbNull,
  visitTime: null,
  visitPlaceNote: null,
} satisfies Prisma.ContactUpdateManyMutationInput;

export interface TAnonymiseCounts {
  contacts: number;
  /** Registrations deleted, drafts and every version (their free text cannot be told apart from their codes safely). */
  registrations: number;
  notes: number;
  suggestions: number;
  /** Done follow-ups kept for the counts, their notes emptied. */
  followUpsCleared: number;
  /** Open follow-ups deleted: nobody should call or visit about an anonymised person. */
  followUpsCancelled: number;
  /** Timeline entries kept, their details emptied. */
  events: number;
}

export const ZERO_ANONYMISE_COUNTS: TAnonymiseCounts = { contacts: 0, registrations: 0, notes: 0, suggestions: 0, followUpsCleared: 0, followUpsCancelled: 0, events: 0 };

export function addCounts(a: TAnonymiseCounts, b: TAnonymiseCounts): TAnonymiseCounts {
  const keys = Object.keys(ZERO_ANONYMISE_COUNTS) as (keyof TAnonymiseCounts)[];
  return Object.fromEntries(keys.map((key) => [key, a[key] + b[key]])) as unknown as TAnonymiseCounts;
}

/** YYYY-MM-DD → YYYY-MM; anything shorter stays as it is. */
function toMonth(date: string | null): string | null {
  return date && date.length > 7 ? date.slice(0, 7) : date;
}

/** Coarsens one date column to the month with one statement per month (a batch spans few months). */
async function coarsenToMonth(tx: TTx, rows: { id: string; value: string | null }[], field: 'eventDate' | 'visitDate'): Promise<void> {
  const byMonth = new Map<string, string[]>();
  for (const row of rows) {
    const month = toMonth(row.value);
    if (!month || month === row.value) continue;
    byMonth.set(month, [...(byMonth.get(month) ?? []), row.id]);
  }
  for (const [month, ids] of byMonth) await tx.contact.updateMany({ where: { id: { in: ids } }, data: { [field]: month } });
}

/**
 * Anonymises these contacts inside the caller's transaction. Returns the counts and the ids that other tables may
 * mention (the contacts' and their follow-ups'), so the caller can clear the outbox and the conversation state.
 */
export async function anonymiseContacts(
  tx: TTx,
  ids: string[],
  opts: { now: Date; actorId: string; reason: 'retention' | 'erasure'; timelineEvent: boolean },
): Promise<{ counts: TAnonymiseCounts; mentionedIds: string[] }> {
  if (ids.length === 0) return { counts: ZERO_ANONYMISE_COUNTS, mentionedIds: [] };
  const where = { id: { in: ids } };
  const byContact = { contactId: { in: ids } };
  const rows = await tx.contact.findMany({ where, select: { id: true, eventDate: true, visitDate: true, status: true } });
  const followUpIds = (await tx.followUp.findMany({ where: byContact, select: { id: true } })).map((f) => f.id);

  const { count: contacts } = await tx.contact.updateMany({ where, data: { ...CLEARED_CONTACT_FIELDS, status: 'closed', anonymisedAt: opts.now } });
  await tx.contact.updateMany({ where: { ...where, closedAt: null }, data: { closedAt: opts.now } });
  await coarsenToMonth(tx, rows.map((r) => ({ id: r.id, value: r.eventDate })), 'eventDate');
  await coarsenToMonth(tx, rows.map((r) => ({ id: r.id, value: r.visitDate })), 'visitDate');

  const { count: suggestions } = await tx.aiSuggestion.deleteMany({ where: byContact });
  const { count: notes } = await tx.visitNotes.deleteMany({ where: byContact });
  const { count: registrations } = await tx.registration.deleteMany({ where: byContact });
  const { count: followUpsCancelled } = await tx.followUp.deleteMany({ where: { ...byContact, status: 'open' } });
  const { count: followUpsCleared } = await tx.followUp.updateMany({ where: byContact, data: { reasonNote: null, outcomeNote: null } });
  // Details hold ids and codes (a visit date, a follow-up id): emptied; the event types and dates stay for the counts.
  const { count: events } = await tx.contactEvent.updateMany({ where: byContact, data: { detail: Prisma.DbNull } });
  // One entry per contact costs as much as the rest of the anonymisation together: erasure adds it, the purge does
  // not (its run is in the access audit, and anonymisedAt says when).
  if (opts.timelineEvent) {
    await tx.contactEvent.createMany({
      data: rows.map((r) => ({ contactId: r.id, type: 'anonymised', actorId: opts.actorId, at: opts.now, detail: { reason: opts.reason, previousStatus: r.status } })),
    });
  }

  return {
    counts: { contacts, registrations, notes, suggestions, followUpsCleared, followUpsCancelled, events },
    mentionedIds: [...ids, ...followUpIds],
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether a JSON value names one of these ids anywhere (as a value, a key or inside a string). */
export function mentionsAny(value: unknown, ids: ReadonlySet<string>): boolean {
  if (ids.size === 0 || value === null || value === undefined) return false;
  for (const match of JSON.stringify(value).matchAll(UUID)) if (ids.has(match[0].toLowerCase())) return true;
  return false;
}

/** The value without every property and array item that mentions one of the ids. */
export function stripMentions(value: unknown, ids: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.filter((item) => !mentionsAny(item, ids)).map((item) => stripMentions(item, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, item]) => !mentionsAny(key, ids) && !mentionsAny(item, ids))
        .map(([key, item]) => [key, stripMentions(item, ids)]),
    );
  }
  return value;
}

const PAGE = 1000;

/**
 * Deletes outbox messages whose payload names one of the ids, whatever their status: a message about an
 * anonymised person must not be sent, nor retried later. The outbox is small (sent messages are pruned).
 */
export async function removeOutboxMentions(client: TTx | TDb, ids: ReadonlySet<string>): Promise<number> {
  if (ids.size === 0) return 0;
  const doomed: number[] = [];
  let after = 0;
  for (;;) {
    const page = await client.outboxMessage.findMany({ where: { id: { gt: after } }, select: { id: true, payload: true }, orderBy: { id: 'asc' }, take: PAGE });
    for (const row of page) if (mentionsAny(row.payload, ids)) doomed.push(row.id);
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  let deleted = 0;
  for (let i = 0; i < doomed.length; i += PAGE) deleted += (await client.outboxMessage.deleteMany({ where: { id: { in: doomed.slice(i, i + PAGE) } } })).count;
  return deleted;
}

/**
 * Removes the ids from teams-ai's stored turn state (e.g. the conversation's `notesFor`): the properties that
 * mention them are dropped, the rest of the conversation state stays. Each write checks the eTag the way
 * bot-storage.ts does, so a turn saving at the same moment is not overwritten; that item is read again.
 */
export async function removeStorageMentions(db: TDb, ids: ReadonlySet<string>): Promise<number> {
  if (ids.size === 0) return 0;
  let cleaned = 0;
  let after = '';
  for (;;) {
    const page = await db.storageItem.findMany({ where: { key: { gt: after } }, select: { key: true, value: true, etag: true }, orderBy: { key: 'asc' }, take: PAGE });
    for (const row of page) if (mentionsAny(row.value, ids) && (await stripStorageItem(db, row, ids))) cleaned += 1;
    if (page.length < PAGE) break;
    after = page.at(-1)!.key;
  }
  return cleaned;
}

async function stripStorageItem(db: TDb, first: { key: string; value: unknown; etag: string }, ids: ReadonlySet<string>): Promise<boolean> {
  let row: { key: string; value: unknown; etag: string } | null = first;
  for (let attempt = 0; attempt < 5 && row; attempt++) {
    if (!mentionsAny(row.value, ids)) return false;
    const value = stripMentions(row.value, ids) as Prisma.InputJsonValue;
    const { count } = await db.storageItem.updateMany({ where: { key: row.key, etag: row.etag }, data: { value, etag: randomUUID() } });
    if (count === 1) return true;
    row = await db.storageItem.findUnique({ where: { key: first.key }, select: { key: true, value: true, etag: true } });
  }
  if (row && mentionsAny(row.value, ids)) throw new Error('StorageItem kept changing while it was being cleaned');
  return false;
}
