import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { accessExportLinks } from './access-export-links.ts';
import { ACCESS_COMMAND, caseCodeAfter } from './lifecycle-commands.ts';
import { notFoundMessage, refusePrivacyRequest, usageMessage } from './lifecycle-messages.ts';
import { accessExportView } from './lifecycle-views.ts';
import { mayHandleContact, privacyScopeOf } from './privacy-request-scope.ts';

// An access request: `inzageverzoek K-26-0001` in the personal chat of a coordinator answers with two signed
// links (15 minutes) to everything held about the person: a Dutch report (.docx) and all data (.json).

export type TAccessRequestServices = Pick<TServices, 'forcedLocale' | 'contacts' | 'retention' | 'audit' | 'teams' | 'dpos' | 'clock' | 'publicBaseUrl' | 'linkSecret'>;

export function registerAccessRequestRoutes<TState extends TurnState>(app: Application<TState>, services: TAccessRequestServices): void {
  const { forcedLocale } = services;

  const answerCommand = async (context: TurnContext): Promise<TAdaptiveCard> => {
    const actorId = workerIdOf(context);
    const scope = await privacyScopeOf(services, actorId);
    const caseCode = caseCodeAfter(ACCESS_COMMAND, context.activity.text);
    // Refused the same way whether the code exists or not; the log still names the contact asked for.
    if (!scope) return refusePrivacyRequest(context, services, { action: 'export.access_request', check: 'not_coordinator', contact: caseCode ? await services.contacts.findByCaseCode(caseCode) : undefined });
    if (!caseCode) return usageMessage(context, services, 'access');
    const subject = await services.contacts.findByCaseCode(caseCode);
    if (!subject) return notFoundMessage(context, services, caseCode);
    const check = await mayHandleContact(services, scope, actorId, subject);
    if (check !== 'allowed') return refusePrivacyRequest(context, services, { action: 'export.access_request', check, contact: subject });
    await services.audit.append({ actorId, action: 'export.access_request', subject: 'contact', subjectId: subject.id, caseCode: subject.caseCode, detail: { step: 'links' } });
    const urls = accessExportLinks({ publicBaseUrl: services.publicBaseUrl, secret: services.linkSecret, now: services.clock(), contactId: subject.id, requesterId: actorId });
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('lifecycle-access-export', accessExportView(t, locale, subject.caseCode, urls));
  };

  app.message(ACCESS_COMMAND, personalMessage(forcedLocale, async (context) => sendCard(context, await answerCommand(context))));
}
