import { z } from 'zod/v4';
import type { TContent } from '../../data/content/load-content.ts';
import { AGE_BAND_IDS } from '../../data/content/schemas.ts';

// What a signal holds: categories from the content lists, a coarse area and a short text. Messages are Dutch: they
// are shown next to the field on the card.

export const SIGNAL_CHOICE_FIELDS = ['theme', 'barrierType', 'policyDomain', 'lifeEvent', 'ageBand'] as const;
export type TSignalChoiceField = (typeof SIGNAL_CHOICE_FIELDS)[number];
export const SIGNAL_TEXT_MAX = 500;
export const SIGNAL_AREA_MAX = 60;

const oneOf = (ids: readonly string[], missing: string) =>
  z.string({ error: missing }).refine((v) => ids.includes(v), missing);

export function ZSignalSchema(content: TContent, teamIds: readonly string[]) {
  return z.object({
    teamId: oneOf(teamIds, 'Kies het team dat dit signaal bespreekt.'),
    theme: oneOf(content.domains.map((d) => d.id), 'Kies het thema.'),
    barrierType: oneOf(content.team.barrierTypes.map((b) => b.id), 'Kies het soort drempel.'),
    policyDomain: oneOf(content.team.policyDomains.map((p) => p.id), 'Kies het beleidsdomein.'),
    lifeEvent: oneOf(content.lifeEvents.map((e) => e.id), 'Kies het kantelmoment.'),
    ageBand: oneOf(content.team.ageBands.map((a) => a.id), 'Kies de leeftijdsgroep.'),
    area: z
      .string({ error: 'Vul de gemeente of wijk in.' })
      .trim()
      .min(2, 'Vul de gemeente of wijk in.')
      .max(SIGNAL_AREA_MAX, `Houd het kort: een gemeente of wijk (max. ${SIGNAL_AREA_MAX} tekens).`)
      .refine((v) => !/\d/.test(v), 'Alleen een gemeente of wijk, zonder huisnummer of postcode.'),
    text: z
      .string({ error: 'Beschrijf het signaal in een paar zinnen.' })
      .trim()
      .min(10, 'Beschrijf het signaal in een paar zinnen (minstens 10 tekens).')
      .max(SIGNAL_TEXT_MAX, `Houd het kort: max. ${SIGNAL_TEXT_MAX} tekens.`),
  });
}
export type TSignalInput = z.infer<ReturnType<typeof ZSignalSchema>>;

/** Card data that travels with the form: the draft's id (so posting twice saves once) and the contact it came from. */
export const ZSignalDraftRefSchema = z.object({ signalId: z.uuid(), contactId: z.uuid().optional() });

/** The age band for a birth year or date (YYYY or YYYY-MM-DD); 'unknown' without one. */
export function ageBandOf(birthDate: string | null | undefined, today: Date): (typeof AGE_BAND_IDS)[number] {
  const year = Number(birthDate?.slice(0, 4));
  if (!year) return 'unknown';
  const age = today.getUTCFullYear() - year;
  if (age < 50) return 'under_50';
  if (age < 65) return '50_64';
  if (age < 75) return '65_74';
  if (age < 85) return '75_84';
  return '85_plus';
}
