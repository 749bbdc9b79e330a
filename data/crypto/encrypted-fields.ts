import { isEncrypted } from './field-cipher.ts';

/**
 * Which columns hold personal free text and are encrypted at rest (docs/encryption.md). `text`: a String column
 * holding the ciphertext; `json`: a required Json column holding the whole value as one ciphertext, written as
 * `{ "enc": "<ciphertext>" }` (see wrapJsonCiphertext).
 * Names, addresses, phone, e-mail and birth date of contacts are not here: lookups and letters need them.
 */
export type TEncryptedKind = 'text' | 'json';

export interface TEncryptedModel {
  /** The Prisma client property for the model. */
  delegate: string;
  fields: Record<string, TEncryptedKind>;
  /** Whether the model has an @updatedAt column (the rotation keeps it unchanged and uses it to detect races). */
  hasUpdatedAt: boolean;
}

export const ENCRYPTED_MODELS: Record<string, TEncryptedModel> = {
  VisitNotes: { delegate: 'visitNotes', fields: { text: 'text' }, hasUpdatedAt: true },
  // The model's suggestions quote the notes word for word.
  AiSuggestion: { delegate: 'aiSuggestion', fields: { fields: 'json' }, hasUpdatedAt: true },
  // The whole registration: its free text is defined by content files a municipality may change, so no field
  // list could be trusted to stay complete.
  Registration: { delegate: 'registration', fields: { data: 'json' }, hasUpdatedAt: true },
  FollowUp: { delegate: 'followUp', fields: { reasonNote: 'text', outcomeNote: 'text' }, hasUpdatedAt: false },
  Contact: { delegate: 'contact', fields: { relatives: 'text', visitPlaceNote: 'text' }, hasUpdatedAt: true },
};

/**
 * Relations through which a query on one model can return or write rows of an encrypted model (from
 * data/schema.prisma; test/unit/field-cipher-schema.test.ts keeps the two in step).
 */
export const RELATIONS_TO_ENCRYPTED: Record<string, Record<string, string>> = {
  Contact: { events: 'ContactEvent', registrations: 'Registration', notes: 'VisitNotes', suggestions: 'AiSuggestion', followUps: 'FollowUp' },
  ContactEvent: { contact: 'Contact' },
  Registration: { contact: 'Contact' },
  VisitNotes: { contact: 'Contact' },
  AiSuggestion: { contact: 'Contact' },
  FollowUp: { contact: 'Contact' },
};

/**
 * The Json columns hold their ciphertext inside an object: Prisma passes an object in a Json column as a parameter
 * and reuses the query plan, but compiles a new plan for every different bare string (~0.3 ms per write,
 * bench/turns.bench.ts). Values written as a bare ciphertext string before this still read.
 */
export function wrapJsonCiphertext(ciphertext: string): { enc: string } {
  return { enc: ciphertext };
}

/** The ciphertext an encrypted Json column holds (wrapped or, from before, bare); undefined for plaintext JSON. */
export function jsonCiphertextOf(stored: unknown): string | undefined {
  if (typeof stored === 'string') return isEncrypted(stored) ? stored : undefined;
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
  const keys = Object.keys(stored);
  const enc = (stored as { enc?: unknown }).enc;
  return keys.length === 1 && typeof enc === 'string' && isEncrypted(enc) ? enc : undefined;
}

/** The ciphertext a column of this kind holds; undefined for plaintext (written before encryption existed). */
export function storedCiphertextOf(kind: TEncryptedKind, stored: unknown): string | undefined {
  if (kind === 'json') return jsonCiphertextOf(stored);
  return typeof stored === 'string' && isEncrypted(stored) ? stored : undefined;
}
