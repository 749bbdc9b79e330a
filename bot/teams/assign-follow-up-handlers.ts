import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { contactEntry } from '../audit/audit-access.ts';
import { localDay } from '../follow-ups/calendar.ts';
import type { TServices } from '../services.ts';
import { channelAction, channelMessage } from '../turn/channel-only.ts';
import { languageOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { fieldErrors, submittedValues } from '../ui/form.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { ASSIGN_FIELDS, ZAssignFollowUpSchema } from './assign-follow-up-input.ts';
import { assignFollowUpView } from './assign-follow-up-views.ts';
import { roleInTeam, syncRoster } from './roster.ts';

export const ASSIGN_COMMAND = /^\s*(opvolging|opvolging toewijzen|opvolgingen toewijzen|follow-up|assign (a )?follow-up)\s*$/i;
export const FOLLOW_UP_ASSIGNED_KIND = 'followUp.assigned';

type TAssignServices = TServices & { followUps: TFollowUpRepository; timeZone: string };

/** The coordinator's side of follow-ups, in the team channel: choose a contact by case code and a colleague. */
export function registerAssignFollowUpRoutes<TState extends TurnState>(app: Application<TState>, services: TAssignServices): void {
  const { teams, followUps, forcedLocale } = services;
  const deps = { teams, configuredCoordinators: services.coordinators };

  const refusal = (context: TurnContext) => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('team.coordinatorOnly.title'), [t('team.coordinatorOnly.assign')]));
  };

  const formCard = async (context: TurnContext, teamId: string, values?: Record<string, unknown>, errors?: Record<string, string>): Promise<TAdaptiveCard> => {
    const { t, locale } = languageOf(context, forcedLocale);
    const today = localDay(services.clock(), services.timeZone);
    const suggestions = values || errors ? [] : await followUps.suggestions({ teamId, today, limit: 5 });
    return renderCard('follow-up-assign', assignFollowUpView(t, locale, services.content, {
      members: await teams.members(teamId),
      suggestions: suggestions.map((s) => ({ ...s, dueDate: s.suggestedDueDate })),
      values,
      errors,
    }));
  };

  const isCoordinator = async (context: TurnContext, teamId: string) => (await roleInTeam(context, deps, teamId, workerIdOf(context))).role === 'coordinator';

  app.message(ASSIGN_COMMAND, channelMessage(forcedLocale, async (context, _state, team) => {
    await syncRoster(context, teams, team.id, services.coordinators);
    await sendCard(context, (await isCoordinator(context, team.id)) ? await formCard(context, team.id) : refusal(context));
  }));

  app.adaptiveCards.actionExecute('followUp.assignForm', channelAction(forcedLocale, async (context, _state, data, team) => {
    if (!(await isCoordinator(context, team.id))) return refusal(context);
    const values = Object.fromEntries(Object.entries(submittedValues(data)).filter(([key]) => (ASSIGN_FIELDS as readonly string[]).includes(key)));
    return formCard(context, team.id, values, {});
  }));

  app.adaptiveCards.actionExecute('followUp.assign', channelAction(forcedLocale, async (context, _state, data, team) => {
    if (!(await isCoordinator(context, team.id))) return refusal(context);
    const { t, locale } = languageOf(context, forcedLocale);
    const values = submittedValues(data);
    const members = await teams.members(team.id);
    const parsed = ZAssignFollowUpSchema(members.map((m) => m.aadObjectId), localDay(services.clock(), services.timeZone)).safeParse(values);
    if (!parsed.success) return formCard(context, team.id, values, fieldErrors(parsed.error));
    // Only a contact the coordinator may see (of their team, contact-access.ts): an assignment grants the assignee access.
    const found = await services.contacts.findByCaseCode(parsed.data.caseCode);
    const contact = found && (await services.contacts.findForWorker(found.id, workerIdOf(context)));
    if (!contact) return formCard(context, team.id, values, { caseCode: t('assign.unknownCase') });
    const assignee = members.find((m) => m.aadObjectId === parsed.data.assigneeId)!;
    const followUp = await followUps.assign(
      { ...parsed.data, contactId: contact.id, teamId: team.id, assignedBy: workerIdOf(context) },
      services.clock(),
      async (tx, created) => {
        await services.outbox.enqueue({ target: `user:${assignee.aadObjectId}`, teamId: team.id, kind: FOLLOW_UP_ASSIGNED_KIND, payload: { followUpId: created.id, locale } }, tx);
        await services.audit.append(contactEntry(workerIdOf(context), 'follow_up.assign', { id: contact.id, caseCode: contact.caseCode }, { followUpId: created.id, assigneeId: assignee.aadObjectId, teamId: team.id }), tx);
      },
    );
    if (followUp.created) {
      services.logger.info({ event: 'follow_up_assigned', mode: followUp.mode });
      services.deliverSoon();
    }
    const date = new Date(`${followUp.dueDate}T12:00:00Z`).toLocaleDateString(locale === 'nl' ? 'nl-BE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    const mode = services.content.registration.followUpModes.find((m) => m.id === followUp.mode)?.label[locale] ?? followUp.mode;
    return renderCard('message', messageView(locale, t('assign.done.title'), [
      t('assign.done.text', { caseCode: contact.caseCode, name: assignee.displayName, mode: mode.toLowerCase(), date }),
      t('assign.done.next', { name: assignee.displayName }),
    ]));
  }));
}
