import type { TurnContext } from 'botbuilder';
import type { TAuditAction } from '../../data/repositories/access-audit.ts';
import { formatDate } from '../contacts/contact-views.ts';
import { localDay } from '../follow-ups/calendar.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import type { TPrivacyRequestCheck } from './privacy-request-scope.ts';

// The short answers the privacy-request routes share: refusals (always written to the access log), usage and
// not found. None of them names a person.

type TMessageServices = Pick<TServices, 'audit' | 'forcedLocale'>;

export function lifecycleMessage(context: TurnContext, services: Pick<TServices, 'forcedLocale'>, title: string, lines: string[]): TAdaptiveCard {
  const { locale } = languageOf(context, services.forcedLocale);
  return renderCard('message', messageView(locale, title, lines));
}

/** A refused request, logged with what it asked for (the contact, when it named one that exists). */
export async function refusePrivacyRequest(
  context: TurnContext,
  services: TMessageServices,
  opts: { action: TAuditAction; check: Exclude<TPrivacyRequestCheck, 'allowed'>; contact?: { id: string; caseCode: string } },
): Promise<TAdaptiveCard> {
  await services.audit.append({
    actorId: workerIdOf(context),
    action: opts.action,
    subject: 'contact',
    subjectId: opts.contact?.id,
    caseCode: opts.contact?.caseCode,
    detail: { refused: opts.check },
  });
  const { t } = languageOf(context, services.forcedLocale);
  return lifecycleMessage(context, services, t('lifecycle.refused.title'), [t(opts.check === 'not_coordinator' ? 'lifecycle.refused.notCoordinator' : 'lifecycle.refused.outOfScope')]);
}

export function usageMessage(context: TurnContext, services: Pick<TServices, 'forcedLocale'>, which: 'erase' | 'access'): TAdaptiveCard {
  const { t } = languageOf(context, services.forcedLocale);
  return lifecycleMessage(context, services, t('lifecycle.usage.title'), [t(`lifecycle.usage.${which}`)]);
}

export function notFoundMessage(context: TurnContext, services: Pick<TServices, 'forcedLocale'>, caseCode: string): TAdaptiveCard {
  const { t } = languageOf(context, services.forcedLocale);
  return lifecycleMessage(context, services, t('lifecycle.usage.title'), [t('lifecycle.notFound', { caseCode })]);
}

/** The local day of a moment: 23/11/2026 also for 00:30 that night in Brussels (the UTC day is the 22nd). */
export function formatDay(at: Date, timeZone: string): string {
  return formatDate(localDay(at, timeZone));
}
