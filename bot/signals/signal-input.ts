import { z } from 'zod/v4';
import type { TContent } from '../../data/content/load-content.ts';
import { AGE_BAND_IDS } from '../../data/content/schemas.ts';
import type { TLocale } from '../ui/i18n.ts';

// What a signal holds: categories from the content lists, a coarse area and a short text. Messages are Dutch: they
// are shown next to the field on the card.

export const SIGNAL_CHOICE_FIELDS = ['theme', 'barrierType', 'policyDomain', 'lifeEvent', 'ageBand'] as const;
export type TSignalChoiceField = (typeof SIGNAL_CHOICE_FIELDS)[number];
export const SIGNAL_TEXT_MAX = 500;
export const SIGNAL_AREA_MAX = 60;

/** The content list a choice field takes its ids (and their labels) from. */
export function choiceListOf(field: TSignalChoiceField, content: TContent): readonly { id: string; label: Record<TLocale, string> }[] {
  if (field === 'theme') return content.domains;
  if (field === 'lifeEvent') return content.lifeEvents;
  if (field === 'barrierType') return content.team.barrierTypes;
  if (field === 'policyDomain') return content.team.policyDomains;
  return content.team.ageBands;
}

const oneOf = (ids: readonly string[], missing: string) =>
  z.string({ error: missing }).refine((v) => ids.includes(v), missing);

export function ZSignalSchema(content: TContent, teamIds: readonly string[]) {
  const choice = (field: TSignalChoiceField, missing: string) => oneOf(choiceListOf(field, content).map((item) => item.id), missing);
  return z.object({
    teamId: oneOf(teamIds, 'Kies het team dat dit signaal bespreekt.'),
    theme: choice('theme', 'Kies het thema.'),
    barrierType: choice('barrierType', 'Kies het soort drempel.'),
    policyDomain: choice('policyDomain', 'Kies het beleidsdomein.'),
    lifeEvent: choice('lifeEvent', 'Kies het kantelmoment.'),
    ageBand: choice('ageBand', 'Kies de leeftijdsgroep.'),
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
