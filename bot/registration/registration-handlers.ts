import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { normalizeForSearch, searchSocialMap } from '../../data/content/load-content.ts';
import type { TSocialService } from '../../data/content/schemas.ts';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { ContactNotEditableError, type TRegistrationData } from '../../data/repositories/registrations.ts';
import { auditChange, auditRead } from '../audit/audit-access.ts';
import { readOnlyCard } from '../audit/read-only-card.ts';
import { contactDetailCard } from '../contacts/contact-handlers.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { registrationSteps, type TStepDef } from './registration-steps.ts';
import { reviewView, stepView, toInputValue, type TStepSuggestion } from './registration-views.ts';

const ZStepRefSchema = z.object({ contactId: z.uuid(), stepId: z.string().min(1).max(40), go: z.enum(['next', 'previous']).optional() });
const ZContactOnlySchema = z.object({ contactId: z.uuid() });

/** A save refused because the worker may no longer change the contact becomes `undefined`; other errors stay errors. */
function notEditable(error: unknown): undefined {
  if (error instanceof ContactNotEditableError) return undefined;
  throw error;
}

export function registerRegistrationRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { content, registrations, forcedLocale } = services;
  const socialMap = content.socialMaps[0];

  /** Services matching the words, plus every service of a life domain whose name the search mentions. */
  const searchServices = (search?: string): TSocialService[] => {
    if (!socialMap) return [];
    const query = normalizeForSearch(search ?? '').trim();
    if (!query) return socialMap.services;
    const domains = content.domains.filter((d) => [d.label.nl, d.label.en].some((label) => normalizeForSearch(label).includes(query)));
    const found = new Map(searchSocialMap(socialMap, { words: search }).map((s) => [s.id, s]));
    for (const domain of domains) for (const s of searchSocialMap(socialMap, { domain: domain.id })) found.set(s.id, s);
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  };

  // Building the steps (zod schemas, translated labels) took ~2 ms and most of a card turn's CPU (bench/turns.bench.ts);
  // without a search they depend only on the locale, so they are built once. A search builds its own (reg.search changes them).
  const unsearchedSteps = new Map<string, TStepDef[]>();
  const stepsFor = (context: TurnContext, search?: string): TStepDef[] => {
    const { t, locale } = languageOf(context, forcedLocale);
    const build = () => registrationSteps(content, t, locale, searchServices(search).map((s) => ({ title: s.name, value: s.id })));
    if (search !== undefined) return build();
    const steps = unsearchedSteps.get(locale) ?? build();
    unsearchedSteps.set(locale, steps);
    return steps;
  };

  const load = async (context: TurnContext, contactId: string) => {
    const found = await registrations.findForWorker(contactId, workerIdOf(context));
    if (!found) return undefined;
    const { contact, draft } = found;
    const base = draft ?? found.submitted;
    // Without the notes feature there are no suggestions to offer.
    const pending = services.visitNotes ? found.pendingSuggestion : undefined;
    const data = (base?.data ?? {}) as TRegistrationData;
    const suggestionFor = (stepId: string): TStepSuggestion | undefined => {
      if (!pending) return undefined;
      const prefix = `${stepId}.`;
      const accepted = pending.fields.accepted.filter((f) => f.field.startsWith(prefix));
      return {
        values: Object.fromEntries(accepted.map((f) => [f.field.slice(prefix.length), f.value])),
        quotes: Object.fromEntries(accepted.map((f) => [f.field.slice(prefix.length), f.quotes])),
        notFound: pending.fields.rejected.filter((r) => r.field.startsWith(prefix)).map((r) => r.field.slice(prefix.length)),
      };
    };
    /** A step the worker saved shows what they saved; otherwise the AI suggestion (if any) pre-fills it. */
    const valuesFor = (stepId: string, from: TRegistrationData = data, isDraft = Boolean(draft)): Record<string, unknown> =>
      isDraft && stepId in from ? (from[stepId] ?? {}) : { ...(from[stepId] ?? {}), ...(suggestionFor(stepId)?.values ?? {}) };
    return { contact, draft, data, suggestionFor, valuesFor };
  };

  const renderStep = (context: TurnContext, contact: TContactRecord, steps: TStepDef[], index: number, opts: Parameters<typeof stepView>[5]): TAdaptiveCard => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('registration-step', stepView(t, locale, contact, steps, index, opts));
  };

  const renderReview = (context: TurnContext, contact: TContactRecord, data: TRegistrationData, errorSummary?: string): TAdaptiveCard => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('registration-review', reviewView(t, locale, contact, stepsFor(context), data, errorSummary));
  };

  /** The right to change the contact was taken away since this turn read it: say so as it stands now. */
  const readOnlyNow = async (context: TurnContext, contactId: string): Promise<TAdaptiveCard> => {
    const now = await registrations.findForWorker(contactId, workerIdOf(context));
    return now ? readOnlyCard(context, services, now.contact) : contactDetailCard(context, services, undefined);
  };

  /** Resume where the worker was: the first step the draft does not have yet, else the review. */
  const resume = async (context: TurnContext, contactId: string): Promise<TAdaptiveCard> => {
    const loaded = await load(context, contactId);
    if (!loaded) return contactDetailCard(context, services, undefined);
    await auditRead(services, context, loaded.contact, 'registration');
    const steps = stepsFor(context);
    const open = (index: number) =>
      renderStep(context, loaded.contact, steps, index, { values: loaded.valuesFor(steps[index]!.id), suggestion: loaded.suggestionFor(steps[index]!.id) });
    if (!loaded.draft) return open(0);
    const next = steps.findIndex((s) => !(s.id in loaded.data));
    return next === -1 ? renderReview(context, loaded.contact, loaded.data) : open(next);
  };

  app.adaptiveCards.actionExecute('reg.open', personalAction(services.forcedLocale, async (context, _state, data) => {
    const ref = ZContactOnlySchema.safeParse(data);
    return ref.success ? resume(context, ref.data.contactId) : contactDetailCard(context, services, undefined);
  }));

  app.message(/^\s*(verder met registratie|continue registration)\s*$/i, personalMessage(services.forcedLocale, async (context) => {
    const drafts = await registrations.findDraftsForWorker(workerIdOf(context));
    if (drafts[0]) return sendCard(context, await resume(context, drafts[0].contactId));
    const { t } = languageOf(context, forcedLocale);
    await context.sendActivity(t('registration.resumeNone'));
  }));

  app.adaptiveCards.actionExecute('reg.step', personalAction(services.forcedLocale, async (context, _state, data) => {
    const ref = ZStepRefSchema.safeParse(data);
    const loaded = ref.success ? await load(context, ref.data.contactId) : undefined;
    if (!ref.success || !loaded) return contactDetailCard(context, services, undefined);
    await auditRead(services, context, loaded.contact, 'registration');
    const steps = stepsFor(context);
    const index = Math.max(0, steps.findIndex((s) => s.id === ref.data.stepId));
    const stepId = steps[index]!.id;
    return renderStep(context, loaded.contact, steps, index, { values: loaded.valuesFor(stepId), suggestion: loaded.suggestionFor(stepId) });
  }));

  app.adaptiveCards.actionExecute('reg.search', personalAction(services.forcedLocale, async (context, _state, data) => {
    const ref = ZStepRefSchema.safeParse(data);
    const loaded = ref.success ? await load(context, ref.data.contactId) : undefined;
    if (!ref.success || !loaded) return contactDetailCard(context, services, undefined);
    await auditRead(services, context, loaded.contact, 'registration');
    const values = submittedValues(data);
    const found = stepsFor(context, values.search ?? '');
    const index = found.findIndex((s) => s.id === ref.data.stepId);
    // Already chosen services stay visible, so searching never drops a choice.
    const chosen = new Set((values.services ?? '').split(',').filter(Boolean));
    const all = stepsFor(context)[index]!.inputs.find((i) => i.id === 'services')?.choices ?? [];
    const servicesInput = found[index]!.inputs.find((i) => i.id === 'services');
    if (servicesInput) {
      const shown = new Set(servicesInput.choices?.map((c) => c.value));
      servicesInput.choices = [...all.filter((c) => chosen.has(c.value) && !shown.has(c.value)), ...(servicesInput.choices ?? [])];
    }
    return renderStep(context, loaded.contact, found, index, { values, search: values.search });
  }));

  app.adaptiveCards.actionExecute('reg.save', personalAction(services.forcedLocale, async (context, _state, data) => {
    const ref = ZStepRefSchema.safeParse(data);
    const loaded = ref.success ? await load(context, ref.data.contactId) : undefined;
    if (!ref.success || !loaded) return contactDetailCard(context, services, undefined);
    if (loaded.contact.access !== 'edit') return readOnlyCard(context, services, loaded.contact);
    const steps = stepsFor(context);
    const index = steps.findIndex((s) => s.id === ref.data.stepId);
    if (index === -1) return contactDetailCard(context, services, undefined);
    const values = submittedValues(data);
    const parsed = steps[index]!.schema.safeParse(values);
    if (!parsed.success) {
      return renderStep(context, loaded.contact, steps, index, { values, errors: fieldErrors(parsed.error), suggestion: loaded.suggestionFor(steps[index]!.id) });
    }

    const stepId = steps[index]!.id;
    const saved = await registrations
      .saveStep(loaded.contact.id, workerIdOf(context), stepId, parsed.data, loaded.draft, (tx, draft) =>
        auditChange(services, context, 'registration.update', loaded.contact, { step: stepId, version: draft.version }, tx))
      .catch(notEditable);
    if (!saved) return readOnlyNow(context, loaded.contact.id);
    const savedData = saved.data as TRegistrationData;
    const { t } = languageOf(context, forcedLocale);
    const target = ref.data.go === 'previous' ? Math.max(0, index - 1) : index + 1;
    if (target >= steps.length) return renderReview(context, loaded.contact, savedData);
    const targetId = steps[target]!.id;
    return renderStep(context, loaded.contact, steps, target, { values: loaded.valuesFor(targetId, savedData, true), notice: t('registration.saved'), suggestion: loaded.suggestionFor(targetId) });
  }));

  app.adaptiveCards.actionExecute('reg.submit', personalAction(services.forcedLocale, async (context, _state, data) => {
    const ref = ZContactOnlySchema.safeParse(data);
    const loaded = ref.success ? await load(context, ref.data.contactId) : undefined;
    if (loaded && loaded.contact.access !== 'edit') return readOnlyCard(context, services, loaded.contact);
    if (!loaded?.draft) return ref.success ? resume(context, ref.data.contactId) : contactDetailCard(context, services, undefined);
    const steps = stepsFor(context);
    // Everything is checked again: a step that was never saved, or content that changed since, shows up here.
    for (const [index, step] of steps.entries()) {
      const values = Object.fromEntries(Object.entries(loaded.data[step.id] ?? {}).map(([k, v]) => [k, toInputValue(v)]));
      const parsed = step.schema.safeParse(values);
      if (!parsed.success) return renderStep(context, loaded.contact, steps, index, { values, errors: fieldErrors(parsed.error) });
    }
    const submitted = await registrations
      .submit(loaded.contact.id, workerIdOf(context), services.clock(), (tx, version) =>
        auditChange(services, context, 'registration.submit', loaded.contact, { version: version.version }, tx))
      .catch(notEditable);
    if (!submitted) return readOnlyNow(context, loaded.contact.id);
    await services.visitNotes?.markSuggestionsUsed(loaded.contact.id);
    const { t } = languageOf(context, forcedLocale);
    return contactDetailCard(context, services, loaded.contact.id, t('registration.submitted', { version: submitted.version }));
  }));
}
