import type { TurnContext } from 'botbuilder';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';

/**
 * Said to someone who may see a contact through their team but not change it (contact-access.ts), instead of
 * saving. Names the assigned colleague (staff, never the citizen) and leads back to the contact.
 */
export async function readOnlyCard(
  context: TurnContext,
  services: Pick<TServices, 'teams' | 'forcedLocale'>,
  contact: { id: string; assignedWorkerId: string | null },
): Promise<TAdaptiveCard> {
  const { t, locale } = languageOf(context, services.forcedLocale);
  const name = contact.assignedWorkerId ? (await services.teams.staffNames([contact.assignedWorkerId])).get(contact.assignedWorkerId) : undefined;
  return renderCard('message', messageView(locale, t('audit.readOnly.title'), [
    name ? t('audit.readOnly.textNamed', { name }) : t('audit.readOnly.text'),
    t('audit.readOnly.next'),
  ], { actions: [{ title: t('audit.readOnly.back'), verb: 'contact.open', data: { contactId: contact.id } }] }));
}
