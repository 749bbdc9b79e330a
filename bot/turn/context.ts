import type { TurnContext } from 'botbuilder';
import { localeOf, translator, type TFunction, type TLocale } from '../ui/i18n.ts';

export type TConversationKind = 'personal' | 'groupChat' | 'channel';

export function conversationKindOf(context: TurnContext): TConversationKind {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

export function tenantIdOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? context.activity.conversation?.tenantId;
}

/** Teams shows names as "First Last" or, in some tenants, "Last, First"; staff names only, never citizens'. */
export function firstNameOf(context: TurnContext): string | undefined {
  const name = context.activity.from?.name?.replace(/\(.*?\)/g, '').trim();
  if (!name) return undefined;
  const first = name.includes(',') ? name.split(',')[1]?.trim().split(/\s+/)[0] : name.split(/\s+/)[0];
  return first || undefined;
}

export interface TTurnLanguage {
  locale: TLocale;
  t: TFunction;
}

export function languageOf(context: TurnContext, forcedLocale?: TLocale): TTurnLanguage {
  const locale = forcedLocale ?? localeOf(context.activity.locale);
  return { locale, t: translator(locale) };
}
