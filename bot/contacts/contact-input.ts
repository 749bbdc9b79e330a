import { z } from 'zod/v4';
import { withoutNul } from '../ui/form.ts';

// The one definition of what a new contact may hold, used by the "nieuw contact" card and by the CSV import.
// Messages are Dutch: they are shown to the worker next to the field (card) or the line (import).

export const DETECTION_SOURCES = ['civil_affairs_list', 'partner_signal', 'own_work'] as const;
export const CONSENT_STATUSES = ['not_needed', 'asked', 'given', 'refused'] as const;
export const CONTACT_STATUSES = ['to_prepare', 'visit_planned', 'visited', 'follow_up', 'closed'] as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is te lang (max. ${max} tekens).`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A calendar date as YYYY-MM-DD (what Input.Date sends), also accepting DD/MM/YYYY and DD-MM-YYYY from spreadsheets. */
export const ZCalendarDateSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : be ? [be[3], be[2], be[1]] : [];
    const date = new Date(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`);
    if (!y || Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) {
      ctx.addIssue({ code: 'custom', message: 'Geen geldige datum: gebruik dd/mm/jjjj.' });
      return z.NEVER;
    }
    return date.toISOString().slice(0, 10);
  });

/** PostgreSQL cannot store U+0000 in text, and it is never part of a real name or address: dropped before validating. */
function withoutNulValues(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === 'string' ? withoutNul(v) : v]));
}

export function ZNewContactSchema(lifeEventIds: readonly string[]) {
  const contact = z
    .object({
      lifeEvent: z.string({ error: 'Kies het kantelmoment.' }).refine((v) => lifeEventIds.includes(v), 'Kies een kantelmoment uit de lijst.'),
      // A blank input means 'not filled in' (a union would hide the date's own Dutch message).
      eventDate: z
        .preprocess((v) => (v === '' ? undefined : v), ZCalendarDateSchema.optional())
        .refine((v) => !v || v <= new Date().toISOString().slice(0, 10), 'De datum van het kantelmoment ligt in de toekomst.'),
      detectionSource: z.enum(DETECTION_SOURCES, { error: 'Kies hoe je het contact kent.' }),
      consentStatus: z.enum(CONSENT_STATUSES, { error: 'Kies de stand van de toestemming.' }).default('not_needed'),
      firstName: z.string({ error: 'Vul de voornaam in.' }).trim().min(1, 'Vul de voornaam in.').max(80, 'De voornaam is te lang.'),
      lastName: z.string({ error: 'Vul de achternaam in.' }).trim().min(1, 'Vul de achternaam in.').max(80, 'De achternaam is te lang.'),
      street: optionalText(120, 'De straat'),
      houseNumber: optionalText(20, 'Het huisnummer'),
      postalCode: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .refine((v) => !v || /^[1-9]\d{3}$/.test(v), 'Een Belgische postcode heeft 4 cijfers.'),
      municipality: optionalText(80, 'De gemeente'),
      phone: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .refine((v) => !v || /^\+?[\d\s./()-]{8,20}$/.test(v), 'Dit lijkt geen telefoonnummer.'),
      email: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .refine((v) => !v || z.email().safeParse(v).success, 'Dit lijkt geen e-mailadres.'),
      birthDate: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.union([z.undefined(), z.string().regex(/^(19|20)\d{2}$/), ZCalendarDateSchema], { error: 'Vul een geboortejaar (jjjj) of geboortedatum (dd/mm/jjjj) in.' })),
      relatives: optionalText(500, 'Het veld naasten'),
    })
    .refine((c) => c.detectionSource !== 'partner_signal' || c.consentStatus === 'given', {
      path: ['consentStatus'],
      message: 'Een signaal van een partner mag je alleen registreren met toestemming van de persoon.',
    });
  return z.preprocess(withoutNulValues, contact);
}

export type TNewContactInput = z.infer<ReturnType<typeof ZNewContactSchema>>;
