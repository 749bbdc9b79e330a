import type { TContent } from '../../data/content/load-content.ts';
import type { TTeamMemberRecord } from '../../data/repositories/teams.ts';
import { fieldsOf, type TField } from '../ui/form.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { ASSIGN_FIELDS } from './assign-follow-up-input.ts';

/** A follow-up the method suggests; shown in the channel, so a case code and categories only. */
export interface TSuggestionForCard {
  caseCode: string;
  lifeEvent: string;
  weeksSinceEvent: number;
  dueDate: string;
  mode: string;
  reason: string;
}

type TChoice = { title: string; value: string };

export interface TAssignFollowUpView {
  lang: TLocale;
  title: string;
  intro: string;
  errorSummary: string;
  labels: Record<'suggestions' | 'useSuggestion' | 'caseCode' | 'assigneeId' | 'dueDate' | 'mode' | 'reason' | 'reasonNote' | 'required' | 'assign', string>;
  fields: Record<(typeof ASSIGN_FIELDS)[number], TField>;
  suggestions: { text: string; data: Record<string, string> }[];
  members: TChoice[];
  modes: TChoice[];
  reasons: TChoice[];
}

export function assignFollowUpView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  opts: { members: TTeamMemberRecord[]; suggestions: TSuggestionForCard[]; values?: Record<string, unknown>; errors?: Record<string, string> },
): TAssignFollowUpView {
  const errors = opts.errors ?? {};
  const count = Object.keys(errors).length;
  const label = (key: string) => t(`assign.labels.${key}`);
  return {
    lang,
    title: t('assign.title'),
    intro: t('assign.intro'),
    errorSummary: count ? t('assign.errorSummary', { count }) : '',
    labels: {
      suggestions: label('suggestions'),
      useSuggestion: label('useSuggestion'),
      caseCode: label('caseCode'),
      assigneeId: label('assigneeId'),
      dueDate: label('dueDate'),
      mode: label('mode'),
      reason: label('reason'),
      reasonNote: label('reasonNote'),
      required: label('required'),
      assign: label('assign'),
    },
    fields: fieldsOf(ASSIGN_FIELDS, { mode: 'phone', ...opts.values }, errors),
    suggestions: opts.suggestions.map((s) => ({
      text: t('assign.suggestion', {
        caseCode: s.caseCode,
        lifeEvent: content.lifeEvents.find((e) => e.id === s.lifeEvent)?.label[lang] ?? s.lifeEvent,
        weeks: s.weeksSinceEvent,
      }),
      data: { caseCode: s.caseCode, dueDate: s.dueDate, mode: s.mode, reason: s.reason },
    })),
    members: opts.members.map((m) => ({ title: m.displayName, value: m.aadObjectId })),
    modes: content.registration.followUpModes.map((m) => ({ title: m.label[lang], value: m.id })),
    reasons: content.team.followUpReasons.map((r) => ({ title: r.label[lang], value: r.id })),
  };
}
