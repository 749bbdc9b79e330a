import type { Application, TurnState } from '@microsoft/teams-ai';
import { auditChange } from '../audit/audit-access.ts';
import { readOnlyCard } from '../audit/read-only-card.ts';
import { contactDetailCard, contactFromAction, ZContactRefSchema } from '../contacts/contact-handlers.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { renderCard } from '../ui/render.ts';
import { closeConfirmView } from './lifecycle-views.ts';

// "Contact afsluiten" on the contact card: a confirmation, then status closed with closedAt (retention counts
// from there) and a timeline entry. Only someone who may change the contact closes it.

export function registerCloseContactRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { forcedLocale } = services;

  app.adaptiveCards.actionExecute('lifecycle.close.ask', personalAction(forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    if (contact.access !== 'edit') return readOnlyCard(context, services, contact);
    const { t, locale } = languageOf(context, forcedLocale);
    if (contact.status === 'closed') return contactDetailCard(context, services, contact.id, t('lifecycle.close.already', { caseCode: contact.caseCode }));
    return renderCard('lifecycle-close-confirm', closeConfirmView(t, locale, contact, services.retentionPolicy.contactMonths));
  }));

  app.adaptiveCards.actionExecute('lifecycle.close', personalAction(forcedLocale, async (context, _state, data) => {
    const ref = ZContactRefSchema.safeParse(data);
    if (!ref.success) return contactDetailCard(context, services, undefined);
    const result = await services.retention.closeContact({ contactId: ref.data.contactId, workerId: workerIdOf(context), now: services.clock() }, (tx, contact) =>
      auditChange(services, context, 'contact.update', contact, { change: 'closed' }, tx),
    );
    if (result.status === 'not_found') return contactDetailCard(context, services, undefined);
    const { t } = languageOf(context, forcedLocale);
    const notice = result.status === 'closed' ? t('lifecycle.close.done', { caseCode: result.caseCode }) : t('lifecycle.close.already', { caseCode: result.caseCode });
    return contactDetailCard(context, services, ref.data.contactId, notice);
  }));
}
