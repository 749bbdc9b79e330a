import type { TFunction, TLocale } from '../ui/i18n.ts';

// One typed view-model per card template in cards/; all text comes from data/locales.

export interface TWelcomeView {
  lang: TLocale;
  title: string;
  intro: string;
  whatTitle: string;
  what: string[];
  privacyTitle: string;
  privacy: string;
  actions: { newContact: string; myContacts: string; privacy: string; help: string };
}

export function welcomeView(t: TFunction, lang: TLocale, firstName?: string): TWelcomeView {
  return {
    lang,
    title: firstName ? t('welcome.title', { firstName }) : t('welcome.titleNoName'),
    intro: t('welcome.intro'),
    whatTitle: t('welcome.whatTitle'),
    what: t('welcome.what', { returnObjects: true }) as string[],
    privacyTitle: t('welcome.privacyTitle'),
    privacy: t('welcome.privacy'),
    actions: {
      newContact: t('welcome.actions.newContact'),
      myContacts: t('welcome.actions.myContacts'),
      privacy: t('welcome.actions.privacy'),
      help: t('welcome.actions.help'),
    },
  };
}

export interface THelpView {
  lang: TLocale;
  title: string;
  intro: string;
  commands: { command: string; description: string }[];
  actions: { myContacts: string; welcome: string; privacy: string };
}

/** In a team channel the help lists the team's commands (with @Nabij); elsewhere the personal ones. */
export function helpView(t: TFunction, lang: TLocale, reason: 'asked' | 'notUnderstood', where: 'personal' | 'team' = 'personal'): THelpView {
  return {
    lang,
    title: reason === 'asked' ? t('help.title') : t('help.unknownTitle'),
    intro: where === 'team' ? t('help.teamIntro') : reason === 'asked' ? t('help.intro') : t('help.unknownIntro'),
    commands: t(where === 'team' ? 'help.teamCommands' : 'help.commands', { returnObjects: true }) as THelpView['commands'],
    actions: { myContacts: t('help.actions.myContacts'), welcome: t('help.actions.welcome'), privacy: t('help.actions.privacy') },
  };
}

export interface TPrivacyView {
  lang: TLocale;
  title: string;
  intro: string;
  rules: { title: string; text: string }[];
  actions: { welcome: string; help: string };
}

export function privacyView(t: TFunction, lang: TLocale): TPrivacyView {
  return {
    lang,
    title: t('privacy.title'),
    intro: t('privacy.intro'),
    rules: t('privacy.rules', { returnObjects: true }) as TPrivacyView['rules'],
    actions: { welcome: t('privacy.actions.welcome'), help: t('privacy.actions.help') },
  };
}

export interface TNoticeView {
  lang: TLocale;
  title: string;
  text: string;
  /** Button back to the welcome card; empty hides it. */
  action: string;
}

export function noticeView(t: TFunction, lang: TLocale, key: 'channel' | 'unknownAction'): TNoticeView {
  return { lang, title: t(`${key}.title`), text: t(`${key}.text`), action: key === 'unknownAction' ? t('unknownAction.action') : '' };
}
