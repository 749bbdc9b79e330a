import type { TTeamMemberRecord, TTeamRecord, TTeamRole } from '../../data/repositories/teams.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

export const ROLE_INPUT_PREFIX = 'role:';

/** What the coordinator chose on the card, shown again when it could not be saved. */
export interface TTypedSettings {
  roles: Record<string, TTeamRole>;
  allowCaseCodes?: boolean;
  shareContacts?: boolean;
}

export interface TTeamSettingsView {
  lang: TLocale;
  title: string;
  intro: string;
  notice: string;
  problem: string;
  teamId: string;
  labels: { roles: string; allowCaseCodes: string; allowCaseCodesHint: string; shareContacts: string; shareContactsHint: string };
  roleChoices: { title: string; value: string }[];
  members: { name: string; inputId: string; label: string; role: string }[];
  allowCaseCodes: string;
  shareContacts: string;
  actions: { save: string };
}

export function teamSettingsView(
  t: TFunction,
  lang: TLocale,
  team: TTeamRecord,
  members: TTeamMemberRecord[],
  opts: { notice?: string; problem?: string; typed?: TTypedSettings } = {},
): TTeamSettingsView {
  const typed = opts.typed;
  return {
    lang,
    title: t('team.settings.title', { team: team.name ?? '' }),
    intro: t('team.settings.intro'),
    notice: opts.notice ?? '',
    problem: opts.problem ?? '',
    teamId: team.teamId,
    labels: {
      roles: t('team.settings.roles'),
      allowCaseCodes: t('team.settings.allowCaseCodes'),
      allowCaseCodesHint: t('team.settings.allowCaseCodesHint'),
      shareContacts: t('team.settings.shareContacts'),
      shareContactsHint: t('team.settings.shareContactsHint'),
    },
    roleChoices: (['worker', 'coordinator'] as const).map((role) => ({ title: t(`team.roles.${role}`), value: role })),
    members: members.map((m) => ({
      name: m.displayName,
      inputId: `${ROLE_INPUT_PREFIX}${m.aadObjectId}`,
      label: t('team.settings.roleOf', { name: m.displayName }),
      role: typed?.roles[m.aadObjectId] ?? m.role,
    })),
    allowCaseCodes: String(typed?.allowCaseCodes ?? team.allowCaseCodes),
    shareContacts: String(typed?.shareContacts ?? team.shareContacts),
    actions: { save: t('team.settings.save') },
  };
}
