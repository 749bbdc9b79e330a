import { z } from 'zod/v4';
import type { TContent } from '../../data/content/load-content.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

// The registration template as steps that fit a Teams card. Each step: its inputs (for the card) and its zod
// schema (for the submit). Both are built from the content files, so a municipality's changes apply to both.

export type TInputKind = 'text' | 'multiline' | 'date' | 'number' | 'choice' | 'multichoice' | 'toggle';
export interface TInputDef {
  id: string;
  kind: TInputKind;
  label: string;
  required?: boolean;
  choices?: { title: string; value: string }[];
  maxLength?: number;
}
export interface TStepDef {
  id: string;
  title: string;
  help: string;
  inputs: TInputDef[];
  schema: z.ZodType<Record<string, unknown>>;
}

const ACTION_ROWS = 3;
const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
const isoDate = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((v) => !Number.isNaN(Date.parse(v)), message);
// An empty input means 'not filled in'; a union would hide the field's own message behind 'Invalid input'.
const blankAsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const optionalDate = (message: string) => blankAsMissing(isoDate(message));

export function registrationSteps(content: TContent, t: TFunction, lang: TLocale, socialMapChoices: { title: string; value: string }[]): TStepDef[] {
  const m = (key: string) => t(`registration.errors.${key}`);
  const label = (key: string) => t(`registration.fields.${key}`);
  const statusChoices = content.registration.domainStatuses.map((s) => ({ title: s.label[lang], value: s.id }));
  const statusIds = content.registration.domainStatuses.map((s) => s.id) as [string, ...string[]];
  const placeIds = content.registration.places.map((p) => p.id) as [string, ...string[]];
  const modeIds = content.registration.followUpModes.map((p) => p.id) as [string, ...string[]];
  const serviceIds = new Set(socialMapChoices.map((c) => c.value));

  const build: Record<string, () => Pick<TStepDef, 'inputs' | 'schema'>> = {
    visit: () => ({
      inputs: [
        { id: 'visitDate', kind: 'date', label: label('visitDate'), required: true },
        { id: 'visitors', kind: 'text', label: label('visitors'), required: true, maxLength: 200 },
        { id: 'place', kind: 'choice', label: label('place'), required: true, choices: content.registration.places.map((p) => ({ title: p.label[lang], value: p.id })) },
        { id: 'present', kind: 'text', label: label('present'), maxLength: 200 },
      ],
      schema: z.object({
        visitDate: isoDate(m('date')).refine((v) => v <= new Date().toISOString().slice(0, 10), m('futureVisit')),
        visitors: z.string({ error: m('required') }).trim().min(1, m('required')).max(200),
        place: z.enum(placeIds, { error: m('choose') }),
        present: text(200),
      }),
    }),
    wellbeing: () => ({
      inputs: [
        { id: 'wellbeing', kind: 'number', label: label('wellbeing') },
        { id: 'strengths', kind: 'multiline', label: label('strengths'), maxLength: 1000 },
        { id: 'worries', kind: 'multiline', label: label('worries'), maxLength: 1000 },
        { id: 'goingWell', kind: 'multiline', label: label('goingWell'), maxLength: 1000 },
        { id: 'mustHappen', kind: 'multiline', label: label('mustHappen'), maxLength: 1000 },
      ],
      schema: z.object({
        wellbeing: blankAsMissing(z.coerce.number({ error: m('wellbeing') }).int(m('wellbeing')).min(0, m('wellbeing')).max(10, m('wellbeing'))),
        strengths: text(1000),
        worries: text(1000),
        goingWell: text(1000),
        mustHappen: text(1000),
      }),
    }),
    actions: () => {
      const rows = Array.from({ length: ACTION_ROWS }, (_, i) => i + 1);
      const shape: Record<string, z.ZodType> = {};
      for (const i of rows) Object.assign(shape, { [`action${i}What`]: text(300), [`action${i}Who`]: text(100), [`action${i}When`]: optionalDate(m('date')) });
      return {
        inputs: rows.flatMap((i) => [
          { id: `action${i}What`, kind: 'text' as const, label: t('registration.fields.actionWhat', { n: i }), maxLength: 300 },
          { id: `action${i}Who`, kind: 'text' as const, label: t('registration.fields.actionWho', { n: i }), maxLength: 100 },
          { id: `action${i}When`, kind: 'date' as const, label: t('registration.fields.actionWhen', { n: i }) },
        ]),
        schema: z.object(shape).superRefine((v, ctx) => {
          for (const i of rows) {
            const what = v[`action${i}What`];
            if ((v[`action${i}Who`] || v[`action${i}When`]) && !what) ctx.addIssue({ code: 'custom', path: [`action${i}What`], message: m('actionWhat') });
            if (what && !v[`action${i}Who`]) ctx.addIssue({ code: 'custom', path: [`action${i}Who`], message: m('actionWho') });
          }
        }) as unknown as z.ZodType<Record<string, unknown>>,
      };
    },
    referrals: () => ({
      inputs: [
        { id: 'services', kind: 'multichoice', label: label('services'), choices: socialMapChoices },
        { id: 'consent', kind: 'toggle', label: label('consent') },
        { id: 'referralNote', kind: 'text', label: label('referralNote'), maxLength: 300 },
      ],
      schema: z
        .object({
          services: z
            .string()
            .optional()
            .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
            .refine((ids) => ids.every((id) => serviceIds.has(id)), m('unknownService')),
          consent: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
          referralNote: text(300),
        })
        .refine((v) => v.services.length === 0 || v.consent, { path: ['consent'], message: m('consent') }),
    }),
    follow_up: () => ({
      inputs: [
        { id: 'followUp', kind: 'choice', label: label('followUp'), required: true, choices: [{ title: t('registration.yes'), value: 'yes' }, { title: t('registration.no'), value: 'no' }] },
        { id: 'followUpMode', kind: 'choice', label: label('followUpMode'), choices: content.registration.followUpModes.map((p) => ({ title: p.label[lang], value: p.id })) },
        { id: 'followUpDate', kind: 'date', label: label('followUpDate') },
        { id: 'followUpWhy', kind: 'multiline', label: label('followUpWhy'), maxLength: 500 },
      ],
      schema: z
        .object({
          followUp: z.enum(['yes', 'no'], { error: m('choose') }),
          followUpMode: blankAsMissing(z.enum(modeIds, { error: m('choose') })),
          followUpDate: optionalDate(m('date')),
          followUpWhy: text(500),
        })
        .superRefine((v, ctx) => {
          if (v.followUp !== 'yes') return;
          if (!v.followUpMode) ctx.addIssue({ code: 'custom', path: ['followUpMode'], message: m('followUpMode') });
          if (!v.followUpDate) ctx.addIssue({ code: 'custom', path: ['followUpDate'], message: m('followUpDate') });
        }) as unknown as z.ZodType<Record<string, unknown>>,
    }),
  };

  return content.registration.steps.map((step) => {
    const domainIds = step.domains ?? [];
    const built = domainIds.length
      ? {
          inputs: domainIds.flatMap((id) => {
            const domain = content.domains.find((d) => d.id === id);
            const name = domain?.label[lang] ?? id;
            return [
              { id: `${id}Status`, kind: 'choice' as const, label: name, choices: statusChoices },
              { id: `${id}Notes`, kind: 'multiline' as const, label: t('registration.fields.domainNotes', { domain: name }), maxLength: 1000 },
            ];
          }),
          schema: z.object(
            Object.fromEntries(
              domainIds.flatMap((id) => [
                [`${id}Status`, blankAsMissing(z.enum(statusIds, { error: m('choose') }))],
                [`${id}Notes`, text(1000)],
              ]),
            ),
          ) as unknown as z.ZodType<Record<string, unknown>>,
        }
      : build[step.id]?.();
    if (!built) throw new Error(`Registration step ${step.id} has no definition`);
    return { id: step.id, title: step.title[lang], help: step.help[lang], ...built };
  });
}
