import type { TContent } from '../../data/content/load-content.ts';
import type { TAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import type { TContactRepository } from '../../data/repositories/contacts.ts';
import { parseContactsCsv, type TCsvImportResult } from './parse-contacts-csv.ts';

export interface TImportOutcome {
  imported: number;
  caseCodes: string[];
  errors: TCsvImportResult['errors'];
  totalRows: number;
}

/**
 * Imports a civil-affairs list for one worker: every valid row becomes a contact (in one transaction), every bad
 * row is reported by line number with the reason. A bad row never costs the good ones.
 */
export async function importContacts(opts: {
  /** The file's bytes (the encoding is detected) or its text. */
  csv: string | Uint8Array;
  workerId: string;
  content: TContent;
  contacts: TContactRepository;
  now: Date;
  via: 'command' | 'teams-file';
  /** Every import is in the access log (one entry: the count and the range of case codes), in its transaction. */
  audit: { log: Pick<TAccessAuditRepository, 'append'>; actorId: string };
}): Promise<TImportOutcome> {
  const parsed = parseContactsCsv(opts.csv, { lifeEventIds: opts.content.lifeEvents.map((e) => e.id) });
  const caseCodes = await opts.contacts.createMany(
    parsed.valid.map((row) => row.input),
    {
      workerId: opts.workerId,
      now: opts.now,
      via: opts.via,
      alsoInTransaction: (tx, codes) =>
        opts.audit.log.append({
          actorId: opts.audit.actorId,
          action: 'contact.import',
          subject: 'contact',
          detail: { count: codes.length, firstCaseCode: codes[0] ?? null, lastCaseCode: codes.at(-1) ?? null, via: opts.via, assignedTo: opts.workerId },
        }, tx),
    },
  );
  return { imported: caseCodes.length, caseCodes, errors: parsed.errors, totalRows: parsed.totalRows };
}
