import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { TAuditTx } from '../../data/repositories/access-audit.ts';
import type { TTeamRole, TTeamSettingsChanges } from '../../data/repositories/teams.ts';
import type { TServices } from '../services.ts';
import { channelAction, channelMessage } from '../turn/channel-only.ts';
import { languageOf, tenantIdOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { submittedValues } from '../ui/form.ts';
import { sendCard } from '../welcome/handlers.ts';
import { roleInTeam, syncRoster } from './roster.ts';
import { channelIdOf } from './team-context.ts';
import { ROLE_INPUT_PREFIX, teamSettingsView } from './team-views.ts';

export const BIND_COMMAND = /^\s*(kanaal koppelen|koppel (dit )?kanaal|signalen hier|bind (this )?channel|use this channel)\s*[.!]?\s*$/i;
export const SETTINGS_COMMAND = /^\s*(rollen|instellingen|team instellingen|roles|settings)\s*$/i;

const ZSaveSettingsSchema = z.object({ teamId: z.string().min(1).max(300) });

export function registerTeamRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { teams, forcedLocale } = services;
  const deps = { teams, configuredCoordinators: services.coordinators };

  const refusal = (context: TurnContext, what: 'bind' | 'settings') => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('team.coordinatorOnly.title'), [t(`team.coordinatorOnly.${what}`)]));
  };

  const settingsCard = async (context: TurnContext, teamId: string, opts: Parameters<typeof teamSettingsView>[4] = {}): Promise<TAdaptiveCard> => {
    const { t, locale } = languageOf(context, forcedLocale);
    const team = (await teams.find(teamId))!;
    return renderCard('team-settings', teamSettingsView(t, locale, team, await teams.members(teamId), opts));
  };

  app.message(BIND_COMMAND, channelMessage(forcedLocale, async (context, _state, team) => {
    await syncRoster(context, teams, team.id, services.coordinators);
    const { role } = await roleInTeam(context, deps, team.id, workerIdOf(context));
    if (role !== 'coordinator') return sendCard(context, refusal(context, 'bind'));
    const channelId = channelIdOf(context)!;
    // Teams sends the team's name with channel messages, but not always; then ask Teams for it.
    const name = team.name ?? (await TeamsInfo.getTeamDetails(context, team.id).catch(() => undefined))?.name ?? undefined;
    await teams.bindSignalChannel({
      teamId: team.id,
      name,
      tenantId: tenantIdOf(context),
      channelId,
      reference: TurnContext.getConversationReference(context.activity),
      boundBy: workerIdOf(context),
      now: services.clock(),
    });
    await services.audit.append({ actorId: workerIdOf(context), action: 'team.bind', subject: 'team', subjectId: team.id, detail: { channelId } });
    services.logger.info({ event: 'signal_channel_bound' });
    const { t, locale } = languageOf(context, forcedLocale);
    await sendCard(context, renderCard('message', messageView(locale, t('team.bound.title'), [t('team.bound.text', { team: name ?? '' }), t('team.bound.next')], {
      actions: [{ title: t('team.bound.settings'), verb: 'team.settings', data: { teamId: team.id } }],
    })));
  }));

  const openSettings = async (context: TurnContext, teamId: string): Promise<TAdaptiveCard> => {
    await syncRoster(context, teams, teamId, services.coordinators);
    const { role } = await roleInTeam(context, deps, teamId, workerIdOf(context));
    return role === 'coordinator' ? settingsCard(context, teamId) : refusal(context, 'settings');
  };

  app.message(SETTINGS_COMMAND, channelMessage(forcedLocale, async (context, _state, team) => sendCard(context, await openSettings(context, team.id))));
  app.adaptiveCards.actionExecute('team.settings', channelAction(forcedLocale, async (context, _state, _data, team) => openSettings(context, team.id)));

  app.adaptiveCards.actionExecute('team.saveSettings', channelAction(forcedLocale, async (context, _state, data, team) => {
    const parsed = ZSaveSettingsSchema.safeParse(data);
    // The card names its team; acting on another team's card from this channel is refused.
    if (!parsed.success || parsed.data.teamId !== team.id) return refusal(context, 'settings');
    const { role } = await roleInTeam(context, deps, team.id, workerIdOf(context));
    if (role !== 'coordinator') return refusal(context, 'settings');
    const values = submittedValues(data);
    const known = new Set((await teams.members(team.id)).map((m) => m.aadObjectId));
    const roles: Record<string, TTeamRole> = {};
    for (const [key, value] of Object.entries(values)) {
      const aadObjectId = key.startsWith(ROLE_INPUT_PREFIX) ? key.slice(ROLE_INPUT_PREFIX.length) : undefined;
      if (aadObjectId && known.has(aadObjectId) && (value === 'worker' || value === 'coordinator')) roles[aadObjectId] = value;
    }
    const { t } = languageOf(context, forcedLocale);
    const toggle = (value: string | undefined) => (value === 'true' ? true : value === 'false' ? false : undefined);
    const wanted = { roles, allowCaseCodes: toggle(values.allowCaseCodes), shareContacts: toggle(values.shareContacts) };
    // Roles and contact sharing decide who sees which contact: each change is in the access log, with the change itself.
    const saved = await teams.saveSettings(team.id, wanted, (tx, changes) => appendTeamChanges(services, tx, workerIdOf(context), team.id, changes));
    if (!saved) return settingsCard(context, team.id, { problem: t('team.settings.needsCoordinator'), typed: wanted });
    services.logger.info({ event: 'team_settings_saved', roleChanges: saved.roles.length });
    return settingsCard(context, team.id, { notice: t('team.settings.saved') });
  }));
}

/** One access-log entry per changed role and per changed setting (ids and values only). */
async function appendTeamChanges(services: Pick<TServices, 'audit'>, tx: TAuditTx, actorId: string, teamId: string, changes: TTeamSettingsChanges): Promise<void> {
  const entry = { actorId, subject: 'team' as const, subjectId: teamId };
  for (const { aadObjectId, role } of changes.roles) await services.audit.append({ ...entry, action: 'team.roles', detail: { member: aadObjectId, role } }, tx);
  for (const setting of ['shareContacts', 'allowCaseCodes'] as const) {
    const value = changes[setting];
    if (value !== undefined) await services.audit.append({ ...entry, action: 'team.settings', detail: { setting, value } }, tx);
  }
}
