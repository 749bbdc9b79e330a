import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { createLetterToken, LETTER_LINK_TTL_MS } from '../letters/download-links.ts';
import { auditChange, auditRead } from '../audit/audit-access.ts';
import { readOnlyCard } from '../audit/read-only-card.ts';
import { contactDetailCard, contactFromAction } from '../contacts/contact-handlers.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { renderCard } from '../ui/render.ts';
import { checklistFor } from '../../data/content/load-content.ts';
import type { TVisibleContact } from '../../data/repositories/contacts.ts';
import { ZPreparationSchema } from './preparation-input.ts';
import { preparationView } from './preparation-views.ts';

export function registerPreparationRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { content, contacts, forcedLocale } = services;

  app.adaptiveCards.actionExecute('prep.open', personalAction(services.forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    const { t, locale } = languageOf(context, forcedLocale);
    await auditRead(services, context, contact, 'preparation');
    return renderCard('preparation', preparationView(t, locale, content, contact));
  }));

  /**
   * Validates the card's inputs and saves them; on a problem, the same card with the problems marked and the values
   * kept. Someone who may only read the contact (through their team) is told so, and nothing is saved.
   */
  const savePreparation = async (context: TurnContext, contact: TVisibleContact, data: unknown) => {
    if (contact.access !== 'edit') return { problems: await readOnlyCard(context, services, contact) };
    const { t, locale } = languageOf(context, forcedLocale);
    const values = submittedValues(data);
    const schema = ZPreparationSchema(
      checklistFor(content, contact.lifeEvent).map((i) => i.id),
      { visitDate: t('preparation.errors.visitDate'), visitTime: t('preparation.errors.visitTime'), visitPlace: t('preparation.errors.visitPlace') },
    );
    const parsed = schema.safeParse(values);
    if (!parsed.success) return { problems: renderCard('preparation', preparationView(t, locale, content, contact, { values, errors: fieldErrors(parsed.error) })) };
    const { contact: saved, changed } = await contacts.savePreparation(contact.id, workerIdOf(context), parsed.data, (tx, written) =>
      auditChange(services, context, 'contact.update', written, { what: 'preparation' }, tx));
    return { saved, changed };
  };

  app.adaptiveCards.actionExecute('prep.save', personalAction(services.forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    const result = await savePreparation(context, contact, data);
    if (!result.saved) return result.problems;
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('preparation', preparationView(t, locale, content, result.saved, { notice: t('preparation.saved') }));
  }));

  // Back to the contact keeps what was typed: the card is saved first (a problem shows it again, values kept; an
  // unchanged card writes nothing). Someone who may only read goes straight back.
  app.adaptiveCards.actionExecute('prep.back', personalAction(services.forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    if (contact.access !== 'edit') return contactDetailCard(context, services, contact.id);
    const result = await savePreparation(context, contact, data);
    if (!result.saved) return result.problems;
    const { t } = languageOf(context, forcedLocale);
    return contactDetailCard(context, services, contact.id, result.changed ? t('preparation.saved') : undefined);
  }));

  // The letter uses the planned visit, so what is on the card is saved first: nothing typed is lost.
  app.adaptiveCards.actionExecute('letter.create', personalAction(services.forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    const result = await savePreparation(context, contact, data);
    if (!result.saved) return result.problems;
    const { t, locale } = languageOf(context, forcedLocale);
    const workerId = workerIdOf(context);
    // The letter is signed by the worker: their Teams display name (staff, not a citizen) is kept for it.
    await services.workers.rememberName(workerId, context.activity.from?.name?.replace(/\(.*?\)/g, '').trim() || workerId);
    const token = createLetterToken({ contactId: contact.id, workerId, expiresAt: services.clock().getTime() + LETTER_LINK_TTL_MS }, services.linkSecret);
    const letterUrl = `${services.publicBaseUrl}/files/letter/${token}`;
    return renderCard('preparation', preparationView(t, locale, content, result.saved, { notice: t('preparation.letterReady'), letterUrl }));
  }));
}
