import { z } from 'zod/v4';

// Schemas of the content files in data/content/. Content is data: a municipality edits the YAML, never the code.
// What the code depends on is fixed here (the ids it stores or branches on); texts, tips and the social map are free.
// Messages are plain English words with the YAML path, so whoever edits the file can find the problem.

/** The ten life domains. Fixed: the registration stores a status per domain id. */
export const DOMAIN_IDS = [
  'emotional',
  'physical',
  'social_network',
  'practical',
  'admin_finance',
  'housing',
  'mobility',
  'care',
  'meaning',
  'end_of_life',
] as const;
export type TDomainId = (typeof DOMAIN_IDS)[number];

/** Life events every deployment has (contacts refer to them); a municipality may add more. */
export const BASE_LIFE_EVENT_IDS = ['partner_death', 'move', 'divorce', 'single_older', 'other'] as const;
export const GUIDE_PHASE_IDS = ['opening', 'listening', 'closing'] as const;
export const DOMAIN_STATUS_IDS = ['good', 'attention', 'support_needed'] as const;
export const PLACE_IDS = ['home', 'elsewhere'] as const;
export const FOLLOW_UP_MODE_IDS = ['phone', 'visit'] as const;
/** The registration steps, in order. */
export const REGISTRATION_STEP_IDS = ['visit', 'domains_a', 'domains_b', 'wellbeing', 'actions', 'referrals', 'follow_up'] as const;
/** The steps that hold life domains; together they hold each domain exactly once. */
export const DOMAIN_STEP_IDS = ['domains_a', 'domains_b'] as const;

/** Everything the announcement letter may fill in; `{{name}}` with any other name is refused. */
export const LETTER_PLACEHOLDERS = [
  'firstName',
  'lastName',
  'street',
  'houseNumber',
  'postalCode',
  'municipality',
  'workerName',
  'workerPhone',
  'workerEmail',
  'visitDate',
  'visitTime',
  'today',
  'service',
  'organisation',
] as const;
export type TLetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

/** The content files, relative to the content folder (social maps: every *.yaml in SOCIAL_MAP_DIR). */
export const CONTENT_FILES = {
  domains: 'domains.yaml',
  lifeEvents: 'life-events.yaml',
  guide: 'guide.yaml',
  checklist: 'checklist.yaml',
  registration: 'registration.yaml',
  letter: 'letter.yaml',
  team: 'team.yaml',
} as const;
export const SOCIAL_MAP_DIR = 'social-map';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const ZTextSchema = z.string({ error: (iss) => (iss.input === undefined ? 'missing' : 'expected text') }).trim().min(1, 'text is empty');

/** A text in Dutch and English; both are required and may not be empty. */
export const ZLocalizedTextSchema = z.strictObject(
  { nl: ZTextSchema, en: ZTextSchema },
  { error: (iss) => (iss.input === undefined ? 'missing' : 'expected a text in Dutch and English, like { nl: …, en: … }') },
);
export type TLocalizedText = z.infer<typeof ZLocalizedTextSchema>;

const SNAKE_ID = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const snakeId = (what: string) =>
  z.string({ error: `expected a ${what} id` }).regex(SNAKE_ID, `${what} id must be lower case with underscores, like partner_death`);

const list = (expected: readonly string[]) => expected.join(', ');

export const ZDomainIdSchema = z.enum(DOMAIN_IDS, {
  error: (iss) => `unknown domain "${String(iss.input)}" (known: ${list(DOMAIN_IDS)})`,
});

const range = <T extends z.ZodType>(item: T, what: string, min: number, max: number) =>
  z
    .array(item, { error: (iss) => (iss.input === undefined ? `no ${what}` : `expected a list of ${what}`) })
    .min(min, `expected at least ${min} ${what}`)
    .max(max, `expected at most ${max} ${what}`);

type TIssueContext = z.RefinementCtx;

/** Ids must be unique; every id in `required` must be present; with `exact`, no others; with `ordered`, in that order. */
function checkIds(
  items: readonly { id: string }[],
  ctx: TIssueContext,
  what: string,
  opts: { required?: readonly string[]; exact?: boolean; ordered?: boolean } = {},
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${what} "${item.id}" appears more than once` });
    seen.add(item.id);
    if (opts.exact && opts.required && !opts.required.includes(item.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `unknown ${what} "${item.id}" (expected: ${list(opts.required)})` });
    }
  });
  for (const id of opts.required ?? []) {
    if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: [], message: `${what} "${id}" is missing` });
  }
  if (opts.ordered && opts.required) {
    const actual = items.map((i) => i.id).join(', ');
    if (actual !== list(opts.required) && seen.size === opts.required.length) {
      ctx.addIssue({ code: 'custom', path: [], message: `${what}s must be in this order: ${list(opts.required)}` });
    }
  }
}

const labelled = (ids: readonly [string, ...string[]], what: string) =>
  z
    .array(z.strictObject({ id: z.enum(ids, { error: (iss) => `unknown ${what} "${String(iss.input)}" (expected: ${list(ids)})` }), label: ZLocalizedTextSchema }))
    .superRefine((items, ctx) => checkIds(items, ctx, what, { required: ids, exact: true }));

// ---------------------------------------------------------------------------------------------------------------
// domains.yaml

export const ZDomainSchema = z.strictObject({ id: ZDomainIdSchema, label: ZLocalizedTextSchema, examples: ZLocalizedTextSchema });
export type TDomain = z.infer<typeof ZDomainSchema>;

export const ZDomainsFileSchema = z.strictObject({
  domains: z.array(ZDomainSchema).superRefine((items, ctx) => checkIds(items, ctx, 'domain', { required: DOMAIN_IDS, exact: true })),
});
export type TDomainsFile = z.infer<typeof ZDomainsFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// life-events.yaml

export const ZLifeEventSchema = z.strictObject({
  id: snakeId('life event'),
  label: ZLocalizedTextSchema,
  emphasisDomains: range(ZDomainIdSchema, 'domains', 1, DOMAIN_IDS.length),
  tips: range(ZLocalizedTextSchema, 'tips', 2, 3),
});
export type TLifeEvent = z.infer<typeof ZLifeEventSchema>;

export const ZLifeEventsFileSchema = z.strictObject({
  lifeEvents: z.array(ZLifeEventSchema).superRefine((items, ctx) => checkIds(items, ctx, 'life event', { required: BASE_LIFE_EVENT_IDS })),
});
export type TLifeEventsFile = z.infer<typeof ZLifeEventsFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// guide.yaml

export const ZGuidePhaseSchema = z.strictObject({
  id: z.enum(GUIDE_PHASE_IDS, { error: (iss) => `unknown phase "${String(iss.input)}" (expected: ${list(GUIDE_PHASE_IDS)})` }),
  title: ZLocalizedTextSchema,
  points: range(ZLocalizedTextSchema, 'points', 3, 5),
});
export type TGuidePhase = z.infer<typeof ZGuidePhaseSchema>;

const ZQuestionsSchema = range(ZLocalizedTextSchema, 'questions', 2, 3);
const questionsShape = Object.fromEntries(DOMAIN_IDS.map((id) => [id, ZQuestionsSchema])) as Record<TDomainId, typeof ZQuestionsSchema>;

export const ZGuideSchema = z.strictObject({
  intro: ZLocalizedTextSchema,
  attitude: range(ZLocalizedTextSchema, 'attitude tips', 6, 8),
  phases: z
    .array(ZGuidePhaseSchema)
    .superRefine((items, ctx) => checkIds(items, ctx, 'phase', { required: GUIDE_PHASE_IDS, exact: true, ordered: true })),
  /** Open example questions per life domain: every domain has 2–3. */
  questions: z.strictObject(questionsShape),
});
export type TGuide = z.infer<typeof ZGuideSchema>;

// ---------------------------------------------------------------------------------------------------------------
// checklist.yaml

export const ZChecklistItemSchema = z.strictObject({
  id: snakeId('checklist item'),
  label: ZLocalizedTextSchema,
  /** "all", or the life events the item applies to (ids from life-events.yaml). */
  lifeEvents: z.union([z.literal('all'), z.array(snakeId('life event')).min(1, 'expected "all" or at least 1 life event')], {
    error: 'expected "all" or a list of life event ids',
  }),
});
export type TChecklistItem = z.infer<typeof ZChecklistItemSchema>;

export const ZChecklistFileSchema = z.strictObject({
  items: z
    .array(ZChecklistItemSchema)
    .min(1, 'expected at least 1 item')
    .superRefine((items, ctx) => checkIds(items, ctx, 'checklist item')),
});
export type TChecklistFile = z.infer<typeof ZChecklistFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// registration.yaml

export const ZRegistrationStepSchema = z.strictObject({
  id: z.enum(REGISTRATION_STEP_IDS, { error: (iss) => `unknown step "${String(iss.input)}" (expected: ${list(REGISTRATION_STEP_IDS)})` }),
  title: ZLocalizedTextSchema,
  help: ZLocalizedTextSchema,
  /** Only on domains_a and domains_b: the life domains this step asks about. */
  domains: z.array(ZDomainIdSchema).min(1, 'expected at least 1 domain').optional(),
});
export type TRegistrationStep = z.infer<typeof ZRegistrationStepSchema>;

export const ZRegistrationSchema = z.strictObject({
  domainStatuses: labelled(DOMAIN_STATUS_IDS, 'domain status'),
  places: labelled(PLACE_IDS, 'place'),
  followUpModes: labelled(FOLLOW_UP_MODE_IDS, 'follow-up mode'),
  steps: z.array(ZRegistrationStepSchema).superRefine((steps, ctx) => {
    checkIds(steps, ctx, 'step', { required: REGISTRATION_STEP_IDS, exact: true, ordered: true });
    const stepOf = new Map<string, string>();
    steps.forEach((step, index) => {
      const holdsDomains = (DOMAIN_STEP_IDS as readonly string[]).includes(step.id);
      if (holdsDomains && !step.domains) ctx.addIssue({ code: 'custom', path: [index, 'domains'], message: `step ${step.id} needs a list of domains` });
      if (!holdsDomains && step.domains) {
        ctx.addIssue({ code: 'custom', path: [index, 'domains'], message: `only the steps ${list(DOMAIN_STEP_IDS)} hold domains` });
      }
      step.domains?.forEach((domain, i) => {
        const earlier = stepOf.get(domain);
        if (earlier) ctx.addIssue({ code: 'custom', path: [index, 'domains', i], message: `domain "${domain}" is already in step ${earlier}` });
        else stepOf.set(domain, step.id);
      });
    });
    for (const domain of DOMAIN_IDS) {
      if (!stepOf.has(domain)) ctx.addIssue({ code: 'custom', path: [], message: `domain "${domain}" is in no step` });
    }
  }),
});
export type TRegistration = z.infer<typeof ZRegistrationSchema>;

// ---------------------------------------------------------------------------------------------------------------
// letter.yaml

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names used in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

function checkPlaceholders(value: unknown, path: (string | number)[], ctx: TIssueContext): void {
  if (typeof value === 'string') {
    for (const name of placeholdersIn(value)) {
      if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown placeholder {{${name}}} (known: ${list(LETTER_PLACEHOLDERS)})` });
      }
    }
    const rest = value.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) ctx.addIssue({ code: 'custom', path, message: 'a placeholder is not closed: write {{name}}' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkPlaceholders(item, [...path, i], ctx));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkPlaceholders(item, [...path, key], ctx);
  }
}

export const ZLetterSchema = z
  .strictObject({
    lang: z.literal('nl', { error: 'the letter is in Dutch: lang must be nl' }),
    sender: z.strictObject({
      organisation: ZTextSchema,
      service: ZTextSchema,
      address: ZTextSchema,
      phone: ZTextSchema,
      email: ZTextSchema,
      city: ZTextSchema,
    }),
    subject: ZTextSchema,
    salutation: ZTextSchema,
    paragraphs: z.array(ZTextSchema).min(1, 'expected at least 1 paragraph'),
    /** Used only when a visit is planned: must hold {{visitDate}} and {{visitTime}}. */
    visitParagraph: ZTextSchema,
    /** Used when no visit is planned yet. */
    noVisitParagraph: ZTextSchema,
    closing: ZTextSchema,
    signature: z.array(ZTextSchema).min(1, 'expected at least 1 signature line'),
  })
  .superRefine((letter, ctx) => {
    checkPlaceholders(letter, [], ctx);
    const used = placeholdersIn(letter.visitParagraph);
    for (const needed of ['visitDate', 'visitTime']) {
      if (!used.includes(needed)) ctx.addIssue({ code: 'custom', path: ['visitParagraph'], message: `must contain {{${needed}}}` });
    }
  });
export type TLetter = z.infer<typeof ZLetterSchema>;

// ---------------------------------------------------------------------------------------------------------------
// social-map/<municipality>.yaml

export const ZSocialServiceSchema = z.strictObject({
  id: z.string({ error: 'expected a service id' }).regex(KEBAB_ID, 'service id must be lower case with hyphens, like rouwgroep-de-linde'),
  name: ZTextSchema,
  domains: range(ZDomainIdSchema, 'domains', 1, DOMAIN_IDS.length),
  keywords: z.array(ZTextSchema).min(1, 'expected at least 1 keyword'),
  contact: z
    .strictObject({
      phone: z.string().trim().regex(/^\+?[\d\s./()-]{8,20}$/, 'this does not look like a phone number').optional(),
      email: z.email('this does not look like an e-mail address').optional(),
      website: z.url({ protocol: /^https?$/, error: 'expected a web address starting with https://' }).optional(),
      address: ZTextSchema.optional(),
    })
    .refine((c) => Object.values(c).some(Boolean), 'expected at least one of phone, email, website, address'),
  notes: ZLocalizedTextSchema,
});
export type TSocialService = z.infer<typeof ZSocialServiceSchema>;

export const ZSocialMapSchema = z.strictObject({
  municipality: ZTextSchema,
  services: z
    .array(ZSocialServiceSchema)
    .min(1, 'expected at least 1 service')
    .superRefine((items, ctx) => checkIds(items, ctx, 'service')),
});
export type TSocialMap = z.infer<typeof ZSocialMapSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Checks across files

export interface TContentProblem {
  /** The file, relative to the content folder (e.g. checklist.yaml, social-map/voorbeeldgemeente.yaml). */
  file: string;
  /** Where in the file, e.g. ['items', 3, 'lifeEvents', 0]. */
  path: (string | number)[];
  message: string;
}

/** What the single-file schemas cannot see: references to another file, and clashes between social maps. */
export function findCrossFileProblems(parts: {
  lifeEvents: TLifeEventsFile;
  checklist: TChecklistFile;
  socialMaps: { file: string; map: TSocialMap }[];
}): TContentProblem[] {
  const problems: TContentProblem[] = [];
  const lifeEventIds = parts.lifeEvents.lifeEvents.map((e) => e.id);
  parts.checklist.items.forEach((item, index) => {
    if (item.lifeEvents === 'all') return;
    item.lifeEvents.forEach((id, i) => {
      if (!lifeEventIds.includes(id)) {
        problems.push({
          file: CONTENT_FILES.checklist,
          path: ['items', index, 'lifeEvents', i],
          message: `unknown life event "${id}" (known in ${CONTENT_FILES.lifeEvents}: ${list(lifeEventIds)})`,
        });
      }
    });
  });
  const municipalities = new Map<string, string>();
  for (const { file, map } of parts.socialMaps) {
    const key = map.municipality.toLocaleLowerCase('nl');
    const other = municipalities.get(key);
    if (other) problems.push({ file, path: ['municipality'], message: `${map.municipality} already has a social map in ${other}` });
    else municipalities.set(key, file);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// team.yaml: lists for anonymised signals and follow-ups

export const BARRIER_TYPE_IDS = ['physical_access', 'transport', 'financial', 'language', 'digital', 'social_anxiety', 'information', 'no_offer', 'other'] as const;
export const POLICY_DOMAIN_IDS = ['public_space', 'mobility', 'leisure', 'housing', 'welfare', 'care', 'other'] as const;
export const AGE_BAND_IDS = ['under_50', '50_64', '65_74', '75_84', '85_plus', 'unknown'] as const;
export const FOLLOW_UP_REASON_IDS = ['agreed', 'after_death', 'referral_check', 'worry', 'other'] as const;
export const FOLLOW_UP_OUTCOME_IDS = ['reached_ok', 'reached_support', 'not_reached', 'declined'] as const;

export const ZTeamListsSchema = z.strictObject({
  barrierTypes: labelled(BARRIER_TYPE_IDS, 'barrier type'),
  policyDomains: labelled(POLICY_DOMAIN_IDS, 'policy domain'),
  ageBands: labelled(AGE_BAND_IDS, 'age band'),
  followUpReasons: labelled(FOLLOW_UP_REASON_IDS, 'follow-up reason'),
  followUpOutcomes: labelled(FOLLOW_UP_OUTCOME_IDS, 'follow-up outcome'),
});
export type TTeamLists = z.infer<typeof ZTeamListsSchema>;
