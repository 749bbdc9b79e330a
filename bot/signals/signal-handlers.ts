import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import type { TTeamRecord } from '../../data/repositories/teams.ts';
import { identifyingFragments } from '../privacy/check-shareable-text.ts';
import { knownIdentifiersOf } from '../privacy/known-identifiers.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { ageBandOf, SIGNAL_CHOICE_FIELDS, ZSignalDraftRefSchema, ZSignalSchema, type TSignalInput } from './signal-input.ts';
import { signalFormView, signalPreviewView, type TTeamChoice } from './signal-views.ts';

export const SIGNAL_COMMAND = /^\s*(signaal|nieuw signaal|signaal melden|signal|new signal|report a signal)\s*$/i;
export const SIGNAL_POST_KIND = 'signal.post';

type TChecked =
  | { card: TAdaptiveCard }
  | { input: TSignalInput; signalId: string; contact?: TContactRecord; team: TTeamRecord };

const ZOpenFormSchema = z.object({ contactId: z.uuid().optional() });

export function registerSignalRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { content, contacts, teams, forcedLocale } = services;

  /** The teams with a signal channel that this worker is in: the form's choices, and what the check accepts. */
  const boundTeams = (context: TurnContext): Promise<TTeamRecord[]> => teams.boundTeamsOf(workerIdOf(context));

  const noTeamCard = (context: TurnContext) => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('signals.noTeam.title'), [t('signals.noTeam.text')]));
  };

  const contactOf = async (context: TurnContext, contactId: string | undefined): Promise<TContactRecord | undefined> =>
    contactId ? contacts.findForWorker(contactId, workerIdOf(context)) : undefined;

  const formCard = async (context: TurnContext, opts: Omit<Parameters<typeof signalFormView>[3], 'teams'>, bound?: TTeamRecord[]): Promise<TAdaptiveCard> => {
    const choices: TTeamChoice[] = (bound ?? (await boundTeams(context))).map((team) => ({ id: team.teamId, name: team.name ?? team.teamId }));
    if (!choices.length) return noTeamCard(context);
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('signal-form', signalFormView(t, locale, content, { ...opts, teams: choices }));
  };

  /** A new form; from a contact, what the signal may say about them is filled in (coarsely). */
  const newForm = async (context: TurnContext, contactId?: string) => {
    const contact = await contactOf(context, contactId);
    const values = contact ? { lifeEvent: contact.lifeEvent, ageBand: ageBandOf(contact.birthDate, services.clock()), area: contact.municipality ?? '' } : {};
    return formCard(context, { signalId: randomUUID(), contactId: contact?.id, values });
  };

  /**
   * Validates the card and checks that nothing in it identifies anyone. Returns the card to show again when it does
   * not pass, or what may be posted.
   */
  const check = async (context: TurnContext, data: unknown): Promise<TChecked> => {
    const draft = ZSignalDraftRefSchema.safeParse(data);
    const signalId = draft.success ? draft.data.signalId : randomUUID();
    const contact = await contactOf(context, draft.success ? draft.data.contactId : undefined);
    const values = submittedValues(data);
    const bound = await boundTeams(context);
    if (!bound.length) return { card: noTeamCard(context) };
    const parsed = ZSignalSchema(content, bound.map((team) => team.teamId)).safeParse(values);
    const base = { signalId, contactId: contact?.id, values };
    if (!parsed.success) return { card: await formCard(context, { ...base, errors: fieldErrors(parsed.error) }, bound) };
    const known = contact ? knownIdentifiersOf(contact) : {};
    const findings = [
      ...identifyingFragments(parsed.data.area, known).map((finding) => ({ field: 'area' as const, finding })),
      ...identifyingFragments(parsed.data.text, known).map((finding) => ({ field: 'text' as const, finding })),
    ];
    if (findings.length) {
      services.logger.info({ event: 'signal_blocked_identifying', kinds: [...new Set(findings.map((f) => f.finding.kind))] });
      return { card: await formCard(context, { ...base, findings }, bound) };
    }
    return { input: parsed.data, signalId, contact, team: bound.find((team) => team.teamId === parsed.data.teamId)! };
  };

  app.message(SIGNAL_COMMAND, personalMessage(forcedLocale, async (context) => sendCard(context, await newForm(context))));

  app.adaptiveCards.actionExecute('signal.new', personalAction(forcedLocale, async (context, _state, data) => {
    const parsed = ZOpenFormSchema.safeParse(data);
    return newForm(context, parsed.success ? parsed.data.contactId : undefined);
  }));

  app.adaptiveCards.actionExecute('signal.edit', personalAction(forcedLocale, async (context, _state, data) => {
    const draft = ZSignalDraftRefSchema.safeParse(data);
    const contact = await contactOf(context, draft.success ? draft.data.contactId : undefined);
    const values = Object.fromEntries(Object.entries(submittedValues(data)).filter(([key]) => ['teamId', ...SIGNAL_CHOICE_FIELDS, 'area', 'text'].includes(key)));
    return formCard(context, { signalId: draft.success ? draft.data.signalId : randomUUID(), contactId: contact?.id, values });
  }));

  app.adaptiveCards.actionExecute('signal.preview', personalAction(forcedLocale, async (context, _state, data) => {
    const checked = await check(context, data);
    if ('card' in checked) return checked.card;
    const { t, locale } = languageOf(context, forcedLocale);
    const caseCode = checked.team.allowCaseCodes ? checked.contact?.caseCode : undefined;
    return renderCard('signal-preview', signalPreviewView(t, locale, content, {
      input: checked.input, teamName: checked.team.name ?? '', signalId: checked.signalId, contactId: checked.contact?.id, caseCode,
    }));
  }));

  app.adaptiveCards.actionExecute('signal.post', personalAction(forcedLocale, async (context, _state, data) => {
    // Checked again: the card's data could have been changed on the way.
    const checked = await check(context, data);
    if ('card' in checked) return checked.card;
    const { t, locale } = languageOf(context, forcedLocale);
    const { signal, created } = await services.signals.create(
      {
        ...checked.input,
        id: checked.signalId,
        caseCode: checked.team.allowCaseCodes ? checked.contact?.caseCode : undefined,
        source: checked.contact ? 'registration' : 'chat',
        createdBy: workerIdOf(context),
      },
      (tx, saved) => services.outbox.enqueue({ target: checked.team.signalChannelId!, teamId: saved.teamId, kind: SIGNAL_POST_KIND, payload: { signalId: saved.id, locale } }, tx),
    );
    if (created) {
      services.logger.info({ event: 'signal_created', source: signal.source });
      services.deliverSoon();
    }
    const again = { title: t('signals.posted.another'), verb: 'signal.new', data: checked.contact ? { contactId: checked.contact.id } : {} };
    const back = checked.contact ? [{ title: t('signals.posted.backToContact'), verb: 'contact.open', data: { contactId: checked.contact.id } }] : [];
    return renderCard('message', messageView(locale, t(created ? 'signals.posted.title' : 'signals.posted.alreadyTitle'), [
      t('signals.posted.text', { team: checked.team.name ?? '' }),
    ], { actions: [again, ...back] }));
  }));
}
