import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { auditChange, auditList, auditRead } from '../audit/audit-access.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { ZNewContactSchema } from './contact-input.ts';
import { contactDetailView, contactFormView, contactListView } from './contact-views.ts';
import { OWN_LIST_LIMIT, SHARED_LIST_LIMIT } from '../../data/repositories/contacts.ts';

export const ZContactRefSchema = z.object({ contactId: z.uuid() });

export function registerContactRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { content, contacts, forcedLocale } = services;
  const lifeEventIds = content.lifeEvents.map((e) => e.id);
  const newContactSchema = ZNewContactSchema(lifeEventIds);

  const formCard = (context: TurnContext, values?: Record<string, unknown>, errors?: Record<string, string>) => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('contact-form', contactFormView(t, locale, content, values, errors));
  };

  const listCard = async (context: TurnContext) => {
    const { t, locale } = languageOf(context, forcedLocale);
    const workerId = workerIdOf(context);
    const list = await contacts.listForWorker(workerId);
    const others = list.filter((c) => c.assignedWorkerId !== workerId);
    const full = others.length >= SHARED_LIST_LIMIT || list.length - others.length >= OWN_LIST_LIMIT;
    const totals = full ? await contacts.countForWorker(workerId) : { own: list.length - others.length, shared: others.length };
    const names = await services.teams.staffNames(others.flatMap((c) => (c.assignedWorkerId ? [c.assignedWorkerId] : [])));
    await auditList(services, context, list, 'list');
    return renderCard('contact-list', contactListView(t, locale, content, list, { workerId, names, totals }));
  };

  app.message(/^\s*(nieuw contact|new contact)\s*$/i, personalMessage(services.forcedLocale, async (context) => sendCard(context, formCard(context))));
  app.message(/^\s*(mijn contacten|my contacts|contacten)\s*$/i, personalMessage(services.forcedLocale, async (context) => sendCard(context, await listCard(context))));

  app.adaptiveCards.actionExecute('contact.new', personalAction(services.forcedLocale, async (context) => formCard(context)));
  app.adaptiveCards.actionExecute('contact.list', personalAction(services.forcedLocale, async (context) => listCard(context)));

  app.adaptiveCards.actionExecute('contact.create', personalAction(services.forcedLocale, async (context, _state, data) => {
    const values = submittedValues(data);
    const parsed = newContactSchema.safeParse(values);
    if (!parsed.success) return formCard(context, values, fieldErrors(parsed.error));
    const created = await contacts.create(parsed.data, {
      workerId: workerIdOf(context),
      now: services.clock(),
      alsoInTransaction: (tx, contact) => auditChange(services, context, 'contact.create', contact, { source: contact.detectionSource }, tx),
    });
    const { t } = languageOf(context, forcedLocale);
    return contactDetailCard(context, services, created.id, t('contacts.detail.created', { caseCode: created.caseCode }));
  }));

  app.adaptiveCards.actionExecute('contact.open', personalAction(services.forcedLocale, async (context, _state, data) => {
    const parsed = ZContactRefSchema.safeParse(data);
    return contactDetailCard(context, services, parsed.success ? parsed.data.contactId : undefined);
  }));

}

/** The contact a card action names, if the worker may see it; undefined for a missing, malformed or foreign id. */
export async function contactFromAction(context: TurnContext, services: Pick<TServices, 'contacts'>, data: unknown) {
  const ref = ZContactRefSchema.safeParse(data);
  return ref.success ? services.contacts.findForWorker(ref.data.contactId, workerIdOf(context)) : undefined;
}

/** The contact's card with its timeline, or a plain notice if the worker may not see it. */
export async function contactDetailCard(context: TurnContext, services: TServices, contactId: string | undefined, notice?: string): Promise<TAdaptiveCard> {
  const { t, locale } = languageOf(context, services.forcedLocale);
  const contact = contactId ? await services.contacts.findForWorker(contactId, workerIdOf(context)) : undefined;
  if (!contact) return renderCard('notice', { lang: locale, title: t('contacts.list.title'), text: t('contacts.notFound'), action: t('unknownAction.action') });
  await auditRead(services, context, contact, 'detail');
  return renderCard('contact-detail', contactDetailView(t, locale, services.content, contact, { notice, registration: contact.registration, aiEnabled: Boolean(services.llm) }));
}
