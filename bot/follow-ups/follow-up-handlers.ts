import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TFollowUpRepository, TFollowUpWithContact } from '../../data/repositories/follow-ups.ts';
import { auditChange, auditList, auditRead } from '../audit/audit-access.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { localDay } from './calendar.ts';
import { ZCompleteFollowUpSchema, ZFollowUpRefSchema } from './follow-up-input.ts';
import { followUpCompleteView, followUpListView } from './follow-up-views.ts';

export type TFollowUpServices = TServices & { followUps: TFollowUpRepository; timeZone?: string };

/** The assignee's follow-ups in the personal chat: the list, and completing one. */
export function registerFollowUpRoutes<TState extends TurnState>(app: Application<TState>, services: TFollowUpServices): void {
  const { content, followUps, forcedLocale } = services;
  const outcomeIds = content.team.followUpOutcomes.map((o) => o.id);
  const today = () => localDay(services.clock(), services.timeZone);

  const listCard = async (context: TurnContext, notice?: string): Promise<TAdaptiveCard> => {
    const { t, locale } = languageOf(context, forcedLocale);
    const day = today();
    const open = await followUps.listOpenForAssignee(workerIdOf(context), day);
    await auditList(services, context, open.map(contactOf), 'follow_up_list');
    return renderCard('follow-up-list', followUpListView(t, locale, content, open, { today: day, notice }));
  };

  const completeCard = (context: TurnContext, followUp: TFollowUpWithContact, values?: Record<string, unknown>, errors?: Record<string, string>): TAdaptiveCard => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('follow-up-complete', followUpCompleteView(t, locale, content, followUp, { today: today(), values, errors }));
  };

  /** The list with a line on top saying the follow-up is not (or no longer) there. */
  const notFoundCard = (context: TurnContext) => listCard(context, languageOf(context, forcedLocale).t('followUps.list.notFound'));

  app.message(/^\s*(mijn opvolgingen|my follow-ups|opvolgingen|follow-ups)\s*$/i, personalMessage(forcedLocale, async (context) => sendCard(context, await listCard(context))));

  app.adaptiveCards.actionExecute('followUp.list', personalAction(forcedLocale, async (context) => listCard(context)));

  app.adaptiveCards.actionExecute('followUp.completeForm', personalAction(forcedLocale, async (context, _state, data) => {
    const ref = ZFollowUpRefSchema.safeParse(data);
    const followUp = ref.success ? await followUps.findForAssignee(ref.data.followUpId, workerIdOf(context)) : undefined;
    if (!followUp) return notFoundCard(context);
    if (followUp.status !== 'open') return listCard(context, languageOf(context, forcedLocale).t('followUps.list.alreadyDone', { caseCode: followUp.contact.caseCode }));
    await auditRead(services, context, contactOf(followUp), 'follow_up_complete');
    return completeCard(context, followUp);
  }));

  app.adaptiveCards.actionExecute('followUp.complete', personalAction(forcedLocale, async (context, _state, data) => {
    const { t } = languageOf(context, forcedLocale);
    const ref = ZFollowUpRefSchema.safeParse(data);
    const followUp = ref.success ? await followUps.findForAssignee(ref.data.followUpId, workerIdOf(context)) : undefined;
    if (!followUp) return notFoundCard(context);
    const values = submittedValues(data);
    const parsed = ZCompleteFollowUpSchema(outcomeIds, t).safeParse(values);
    if (!parsed.success) {
      if (followUp.status !== 'open') return listCard(context, t('followUps.list.alreadyDone', { caseCode: followUp.contact.caseCode }));
      return completeCard(context, followUp, values, fieldErrors(parsed.error));
    }
    const result = await followUps.complete({ id: followUp.id, assigneeId: workerIdOf(context), outcome: parsed.data.outcome, outcomeNote: parsed.data.outcomeNote, now: services.clock() });
    if (result.status === 'not_found') return notFoundCard(context);
    const key = result.status === 'completed' ? 'followUps.list.done' : 'followUps.list.alreadyDone';
    if (result.status === 'completed') {
      await auditChange(services, context, 'follow_up.complete', contactOf(followUp), { followUpId: followUp.id, outcome: parsed.data.outcome });
      services.logger.info({ event: 'follow_up_completed', followUpId: followUp.id, outcome: parsed.data.outcome });
    }
    return listCard(context, t(key, { caseCode: followUp.contact.caseCode }));
  }));
}

/** The contact of a follow-up, as the access log names it (id and case code). */
/** What the access log needs: the contact, and whose it is (a follow-up on a colleague's contact is marked shared). */
function contactOf(followUp: TFollowUpWithContact): { id: string; caseCode: string; assignedWorkerId: string | null } {
  return { id: followUp.contactId, caseCode: followUp.contact.caseCode, assignedWorkerId: followUp.contact.assignedWorkerId };
}
