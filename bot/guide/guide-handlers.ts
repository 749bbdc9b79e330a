import type { Application, TurnState } from '@microsoft/teams-ai';
import { auditRead } from '../audit/audit-access.ts';
import { contactDetailCard, contactFromAction } from '../contacts/contact-handlers.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction } from '../turn/personal-only.ts';
import { renderCard } from '../ui/render.ts';
import { guideView } from './guide-views.ts';

export function registerGuideRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  app.adaptiveCards.actionExecute('guide.open', personalAction(services.forcedLocale, async (context, _state, data) => {
    const contact = await contactFromAction(context, services, data);
    if (!contact) return contactDetailCard(context, services, undefined);
    const { t, locale } = languageOf(context, services.forcedLocale);
    await auditRead(services, context, contact, 'guide');
    return renderCard('guide', guideView(t, locale, services.content, contact));
  }));
}
