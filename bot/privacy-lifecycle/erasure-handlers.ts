import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { TPrivacySubject } from '../../data/repositories/retention.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { buildCard, sendCard } from '../welcome/handlers.ts';
import { caseCodeAfter, ERASE_COMMAND, sameCaseCode } from './lifecycle-commands.ts';
import { formatDay, lifecycleMessage, notFoundMessage, refusePrivacyRequest, usageMessage } from './lifecycle-messages.ts';
import { eraseConfirmView, erasureDoneView } from './lifecycle-views.ts';
import { mayHandleContact, privacyScopeOf } from './privacy-request-scope.ts';

// Erasure on request: `gegevens verwijderen K-26-0001` in the personal chat of a coordinator shows what will go
// and asks for the case code again; "Definitief verwijderen" with the right code erases at once.

const ZEraseSchema = z.object({
  contactId: z.uuid(),
  confirmCaseCode: z.string().max(200).optional(),
});

export type TErasureServices = Pick<TServices, 'forcedLocale' | 'retention' | 'contacts' | 'content' | 'audit' | 'teams' | 'dpos' | 'clock' | 'logger' | 'timeZone'>;

export function registerErasureRoutes<TState extends TurnState>(app: Application<TState>, services: TErasureServices): void {
  const { forcedLocale } = services;

  const confirmCard = async (context: TurnContext, subject: TPrivacySubject, opts: { value?: string; problem?: string } = {}): Promise<TAdaptiveCard> => {
    const { t, locale } = languageOf(context, forcedLocale);
    const preview = await services.retention.erasurePreview(subject.id);
    return renderCard('lifecycle-erase-confirm', eraseConfirmView(t, locale, services.content, { ...subject, contactId: subject.id }, preview, opts));
  };

  const alreadyErased = (context: TurnContext, subject: TPrivacySubject & { anonymisedAt: Date }) => {
    const { t } = languageOf(context, forcedLocale);
    return lifecycleMessage(context, services, t('lifecycle.erase.doneTitle', { caseCode: subject.caseCode }), [
      t('lifecycle.erase.already', { caseCode: subject.caseCode, date: formatDay(subject.anonymisedAt, services.timeZone) }),
    ]);
  };

  const answerCommand = async (context: TurnContext): Promise<TAdaptiveCard> => {
    const actorId = workerIdOf(context);
    const scope = await privacyScopeOf(services, actorId);
    const caseCode = caseCodeAfter(ERASE_COMMAND, context.activity.text);
    // Refused the same way whether the code exists or not; the log still names the contact asked for.
    if (!scope) return refusePrivacyRequest(context, services, { action: 'erasure', check: 'not_coordinator', contact: caseCode ? await services.contacts.findByCaseCode(caseCode) : undefined });
    if (!caseCode) return usageMessage(context, services, 'erase');
    const subject = await services.contacts.findByCaseCode(caseCode);
    if (!subject) return notFoundMessage(context, services, caseCode);
    const check = await mayHandleContact(services, scope, actorId, subject);
    if (check !== 'allowed') return refusePrivacyRequest(context, services, { action: 'erasure', check, contact: subject });
    if (subject.anonymisedAt) return alreadyErased(context, { ...subject, anonymisedAt: subject.anonymisedAt });
    // The card shows the name so the coordinator can check it is the right person: a read of personal data.
    await services.audit.append({ actorId, action: 'contact.read', subject: 'contact', subjectId: subject.id, caseCode: subject.caseCode, detail: { view: 'erasure_confirm' } });
    return confirmCard(context, subject);
  };

  app.message(ERASE_COMMAND, personalMessage(forcedLocale, async (context) => sendCard(context, await answerCommand(context))));

  app.adaptiveCards.actionExecute('lifecycle.erase', personalAction(forcedLocale, async (context, _state, data) => {
    const parsed = ZEraseSchema.safeParse(data);
    if (!parsed.success) return buildCard('unknownAction', context, forcedLocale);
    const actorId = workerIdOf(context);
    const scope = await privacyScopeOf(services, actorId);
    const subject = await services.retention.findSubject(parsed.data.contactId);
    if (!scope) return refusePrivacyRequest(context, services, { action: 'erasure', check: 'not_coordinator', contact: subject });
    if (!subject) return buildCard('unknownAction', context, forcedLocale);
    const check = await mayHandleContact(services, scope, actorId, subject);
    if (check !== 'allowed') return refusePrivacyRequest(context, services, { action: 'erasure', check, contact: subject });
    // A double click, or the card pressed again later: erased once.
    if (subject.anonymisedAt) return alreadyErased(context, { ...subject, anonymisedAt: subject.anonymisedAt });
    const { t, locale } = languageOf(context, forcedLocale);
    const typed = parsed.data.confirmCaseCode?.trim() ?? '';
    if (!sameCaseCode(typed, subject.caseCode)) {
      const problem = typed ? t('lifecycle.erase.confirmMismatch', { caseCode: subject.caseCode }) : t('lifecycle.erase.confirmRequired');
      return confirmCard(context, subject, { value: typed.slice(0, 20), problem });
    }
    const result = await services.retention.eraseContact({ contactId: subject.id, actorId, now: services.clock() });
    if (!result) return notFoundMessage(context, services, subject.caseCode);
    services.logger.info({ event: 'contact_erased', contactId: subject.id, registrations: result.registrations, notes: result.notes, storage: result.storage });
    return renderCard('message', erasureDoneView(t, locale, result));
  }));

  app.adaptiveCards.actionExecute('lifecycle.erase.cancel', personalAction(forcedLocale, async (context) => {
    const { t } = languageOf(context, forcedLocale);
    return lifecycleMessage(context, services, t('lifecycle.erase.cancelled'), []);
  }));
}
