/**
 * Which columns hold personal free text and are encrypted at rest (docs/encryption.md). `text`: a String column
 * holding the ciphertext; `json`: a required Json column holding the whole value as one ciphertext string.
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
