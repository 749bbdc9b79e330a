import { withoutNul } from '../ui/form.ts';
import { CardFactory, TurnContext, type ConversationReference } from 'botbuilder';
import type { Application, DefaultConversationState, TurnState } from '@microsoft/teams-ai';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { MAX_NOTES_CHARS, NotesFullError, type TVisitNotesRecord } from '../../data/repositories/visit-notes.ts';
import { auditChange, contactEntry } from '../audit/audit-access.ts';
import { readOnlyCard } from '../audit/read-only-card.ts';
import { contactDetailCard, contactFromAction } from '../contacts/contact-handlers.ts';
import { registrationSteps } from '../registration/registration-steps.ts';
import type { TServices } from '../services.ts';
import { languageOf, type TTurnLanguage } from '../turn/context.ts';
import { personalAction } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { countWords, notesView, type TNotesState } from './notes-views.ts';
import { summariseVisit, type TSummariseOutcome } from './summarise-visit.ts';

/** Where notes are being collected, kept in the conversation's turn state (in the database). */
export interface TNotesConversationState extends DefaultConversationState {
  notesFor?: string;
  notesCardId?: string;
}
type TNotesTurnState = TurnState<TNotesConversationState>;

export function registerNotesRoutes<TState extends TNotesTurnState>(app: Application<TState>, services: TServices): void {
  const { visitNotes, forcedLocale } = services;
  const llm = services.llm;
  if (!llm || !visitNotes) return; // Without a configured model the feature does not exist.

  const card = (language: TTurnLanguage, contact: Pick<TContactRecord, 'id' | 'caseCode'>, state: TNotesState) =>
    renderCard('notes', notesView(language.t, language.locale, contact, state));

  // Notes belong to whoever visits: someone who may only read the contact (through their team) cannot add or send them.
  app.adaptiveCards.actionExecute('notes.start', personalAction(forcedLocale, async (context, state: TState, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    if (contact.access !== 'edit') return readOnlyCard(context, services, contact);
    state.conversation.notesFor = contact.id;
    state.conversation.notesCardId = context.activity.replyToId;
    const notes = await visitNotes.start(contact.id, workerIdOf(context));
    return card(languageOf(context, forcedLocale), contact, { kind: 'collecting', words: countWords(notes?.text ?? '') });
  }));

  app.adaptiveCards.actionExecute('notes.stop', personalAction(forcedLocale, async (context, state: TState, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    delete state.conversation.notesFor;
    return card(languageOf(context, forcedLocale), contact, { kind: 'stopped' });
  }));

  app.adaptiveCards.actionExecute('ai.discard', personalAction(forcedLocale, async (context, _state: TState, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    if (contact.access !== 'edit') return readOnlyCard(context, services, contact);
    await visitNotes.discardSuggestions(contact.id);
    await auditChange(services, context, 'notes.update', contact, { op: 'discard' });
    return contactDetailCard(context, services, contact.id, languageOf(context, forcedLocale).t('notes.discarded'));
  }));

  app.adaptiveCards.actionExecute('notes.summarise', personalAction(forcedLocale, async (context, state: TState, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    if (contact.access !== 'edit') return readOnlyCard(context, services, contact);
    const language = languageOf(context, forcedLocale);
    const workerId = workerIdOf(context);
    const notes = await visitNotes.latest(contact.id, workerId);
    if (!notes?.text.trim()) return card(language, contact, { kind: 'failed', message: language.t('notes.empty') });
    // A double click or a redelivery finds the notes already claimed: it waits for the same result.
    const staleBefore = new Date(services.clock().getTime() - 2 * llm.timeoutMs);
    if (!(await visitNotes.claimForSummary(notes.id, staleBefore))) return card(language, contact, { kind: 'summarising', words: countWords(notes.text) });
    delete state.conversation.notesFor;

    const reference = TurnContext.getConversationReference(context.activity);
    const cardId = context.activity.replyToId;
    // The invoke is answered now (Teams allows 5 s); the model's answer updates this card when it comes.
    void finishInBackground({ services, reference, cardId, contact, notesId: notes.id, notesText: notes.text, workerId, language });
    return card(language, contact, { kind: 'summarising', words: countWords(notes.text) });
  }));
}

/** Free text while notes are being collected is added to them; returns false when no notes are being collected. */
export async function collectNoteMessage(context: TurnContext, state: TurnState<TNotesConversationState>, services: TServices): Promise<boolean> {
  const contactId = state.conversation.notesFor;
  const text = context.activity.text === undefined ? undefined : withoutNul(context.activity.text).trim();
  if (!contactId || !text || !services.visitNotes) return false;
  const workerId = workerIdOf(context);
  const contact = await services.contacts.findForWorker(contactId, workerId);
  if (contact?.access !== 'edit') {
    delete state.conversation.notesFor;
    return false;
  }
  const language = languageOf(context, services.forcedLocale);
  let notes: TVisitNotesRecord;
  try {
    notes = await services.visitNotes.append(contact.id, workerId, text);
  } catch (error) {
    if (!(error instanceof NotesFullError)) throw error;
    // Nothing was added and nothing collected is lost; the worker decides: summarise now, or stop.
    await context.sendActivity(language.t(error.reason === 'full' ? 'notes.full' : 'notes.tooLong', { max: MAX_NOTES_CHARS }));
    return true;
  }
  await auditChange(services, context, 'notes.update', contact, { op: 'append', notesId: notes.id });
  const words = countWords(notes.text);
  if (state.conversation.notesCardId) {
    const updated = renderCard('notes', notesView(language.t, language.locale, contact, { kind: 'collecting', words }));
    await context.updateActivity({ id: state.conversation.notesCardId, type: 'message', attachments: [CardFactory.adaptiveCard(updated)] }).catch(() => undefined);
  }
  await context.sendActivity(language.t('notes.noted', { count: words }));
  return true;
}

async function finishInBackground(job: {
  services: TServices;
  reference: Partial<ConversationReference>;
  cardId: string | undefined;
  contact: TContactRecord;
  notesId: string;
  notesText: string;
  workerId: string;
  language: TTurnLanguage;
}): Promise<void> {
  const { services, language, contact } = job;
  const update = async (state: TNotesState) => {
    const updated: TAdaptiveCard = renderCard('notes', notesView(language.t, language.locale, contact, state));
    await services.continueConversation(job.reference, async (context) => {
      if (job.cardId) await context.updateActivity({ id: job.cardId, type: 'message', attachments: [CardFactory.adaptiveCard(updated)] });
      else await context.sendActivity({ attachments: [CardFactory.adaptiveCard(updated)] });
    });
  };
  // Kept so the final update waits for it: a late "still working" must not overwrite the result.
  let slowUpdate: Promise<void> | undefined;
  const slow = setTimeout(() => {
    slowUpdate = update({ kind: 'summarising', words: countWords(job.notesText), slow: true }).catch(() => undefined);
  }, services.llm!.progressAfterMs);
  let outcome: TSummariseOutcome;
  try {
    await services.continueConversation(job.reference, (context) => context.sendActivity({ type: 'typing' }).then(() => undefined)).catch(() => undefined);
    const steps = registrationSteps(services.content, language.t, language.locale, []);
    // Logged before the model is called: if the access log cannot be written, nothing is sent.
    await services.audit.append(contactEntry(job.workerId, 'ai.summarise', contact, { notesId: job.notesId, model: services.llm!.model }));
    outcome = await summariseVisit({ llm: services.llm!, contact, notesText: job.notesText, steps, workerId: job.workerId, visitNotes: services.visitNotes! });
  } catch (error) {
    services.logger.error({ event: 'summary_failed', err: error });
    outcome = { ok: false, reason: 'network' };
  } finally {
    clearTimeout(slow);
  }
  await slowUpdate;
  try {
    if (outcome.ok) {
      await services.visitNotes!.saveSuggestion(job.notesId, contact.id, outcome.fields);
      await services.visitNotes!.setStatus(job.notesId, 'summarised');
      await update({ kind: 'done', accepted: outcome.fields.accepted.length, rejected: outcome.fields.rejected.length });
    } else {
      await services.visitNotes!.setStatus(job.notesId, 'failed');
      if (outcome.reason === 'leak') {
        const kinds = [...new Set(outcome.kinds)].map((k) => language.t(`notes.kinds.${k}`)).join(', ');
        await update({ kind: 'blocked', message: language.t('notes.failed.leak', { kinds }) });
      } else {
        await update({ kind: 'failed', message: `${language.t(`notes.failed.${outcome.reason}`)} ${language.t('notes.failed.suffix')}` });
      }
    }
    services.logger.info({ event: 'summary_finished', outcome: outcome.ok ? 'ok' : outcome.reason });
  } catch (error) {
    services.logger.error({ event: 'summary_update_failed', err: error });
  }
}
