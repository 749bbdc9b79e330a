import type { TAuditRecord } from '../../data/repositories/access-audit.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import type { TAuditTarget } from './query-audit.ts';

/** Rows per card: 40 rows of four short columns stay far below Teams' 28 KB per card. */
export const AUDIT_PAGE_SIZE = 40;
/** Colleagues offered on the query card; with more staff, the DPO types 'audit' and a name. */
export const AUDIT_STAFF_CHOICES = 150;

type TAction = { title: string; verb: string; data: Record<string, unknown> };

export interface TAuditLogView {
  lang: TLocale;
  title: string;
  summary: string;
  empty: string;
  hasRows: boolean;
  headers: { when: string; who: string; what: string; caseCode: string };
  rows: { when: string; who: string; what: string; caseCode: string }[];
  actions: TAction[];
}

type TDetail = Record<string, unknown>;
const detailOf = (row: TAuditRecord): TDetail => (row.detail && typeof row.detail === 'object' && !Array.isArray(row.detail) ? (row.detail as TDetail) : {});

/** Colleagues a row names besides its actor (a team role change names the member), for the names lookup. */
export function staffNamedIn(row: TAuditRecord): string[] {
  const member = detailOf(row).member;
  return row.action === 'team.roles' && typeof member === 'string' ? [member] : [];
}

/** The Dutch (or English) words for what a row records. Unknown actions and views show their code, never nothing. */
export function describeAuditRow(t: TFunction, row: TAuditRecord, names: ReadonlyMap<string, string> = new Map()): string {
  const detail = detailOf(row);
  if (row.action === 'team.roles' && typeof detail.member === 'string') {
    const name = names.get(detail.member) ?? t('audit.log.unknownPerson', { id: detail.member.slice(0, 8) });
    return t('audit.actions.team.roles', { name, role: t(`team.roles.${String(detail.role)}`, { defaultValue: String(detail.role) }) });
  }
  if (row.action === 'team.settings') {
    const setting = t(`audit.teamSettings.${String(detail.setting)}`, { defaultValue: String(detail.setting) });
    return t('audit.actions.team.settings', { setting, value: t(detail.value === true ? 'audit.log.on' : 'audit.log.off') });
  }
  const notes = [detail.shared === true ? t('audit.log.shared') : '', detail.refused ? t('audit.log.refused') : ''].filter(Boolean);
  const suffix = notes.length ? ` (${notes.join(', ')})` : '';
  const view = t(`audit.views.${String(detail.view)}`, { defaultValue: String(detail.view ?? '') });
  if (row.action === 'contact.read' && detail.shown !== undefined) return t('audit.actions.listRead', { count: Number(detail.shown), view });
  if (row.action === 'contact.read') return t('audit.actions.contact.read', { view }) + suffix;
  if (row.action === 'notes.update' && detail.op === 'discard') return t('audit.actions.notes.discard') + suffix;
  if (row.action === 'contact.update' && detail.change === 'closed') return t('audit.actions.contact.close') + suffix;
  const params = { count: Number(detail.count ?? 0), format: String(detail.format ?? '').toUpperCase(), version: Number(detail.version ?? 0) };
  return t(`audit.actions.${row.action}`, { ...params, defaultValue: row.action }) + suffix;
}

/** Who a row names: a colleague, or Nabij itself (the scheduled purge) or an administrator at the command line. */
function actorName(t: TFunction, names: ReadonlyMap<string, string>, actorId: string): string {
  if (actorId === 'system') return t('audit.log.system');
  if (actorId === 'command-line') return t('audit.log.commandLine');
  return names.get(actorId) ?? t('audit.log.unknownPerson', { id: actorId.slice(0, 8) });
}

/** 24/11/2026 14:05 in the municipality's time zone (the same in both languages). */
export function formatAuditTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

export function auditLogView(
  t: TFunction,
  lang: TLocale,
  page: { target: TAuditTarget; rows: TAuditRecord[]; older: number; names: ReadonlyMap<string, string> },
  opts: { timeZone: string; offset?: number },
): TAuditLogView {
  const offset = opts.offset ?? 0;
  const nameOf = (id: string) => actorName(t, page.names, id);
  const title = page.target.by === 'contact' ? t('audit.log.titleContact', { caseCode: page.target.caseCode }) : t('audit.log.titleActor', { name: nameOf(page.target.actorId) });
  const last = page.rows.at(-1);
  const moreData = { ...(page.target.by === 'contact' ? { caseCode: page.target.caseCode } : { actorId: page.target.actorId }), beforeId: last?.id, offset: offset + page.rows.length };
  const total = offset + page.rows.length + page.older;
  return {
    lang,
    title,
    summary: page.rows.length
      ? [t('audit.log.summary', { from: offset + 1, to: offset + page.rows.length, count: total }), page.older ? t('audit.log.more', { count: page.older }) : ''].filter(Boolean).join(' ')
      : '',
    empty: page.rows.length ? '' : t('audit.log.empty'),
    hasRows: page.rows.length > 0,
    headers: { when: t('audit.log.when'), who: t('audit.log.who'), what: t('audit.log.what'), caseCode: t('audit.log.caseCode') },
    rows: page.rows.map((row) => ({
      when: formatAuditTime(row.at, opts.timeZone),
      who: nameOf(row.actorId),
      what: describeAuditRow(t, row, page.names),
      caseCode: row.caseCode ?? '–',
    })),
    actions: [
      ...(page.older && last ? [{ title: t('audit.log.older'), verb: 'audit.show', data: moreData }] : []),
      { title: t('audit.log.newQuery'), verb: 'audit.form', data: {} },
    ],
  };
}

export interface TAuditQueryView {
  lang: TLocale;
  title: string;
  intro: string;
  problem: string;
  labels: { caseCode: string; caseCodePlaceholder: string; person: string; personPlaceholder: string; tip: string };
  caseCode: string;
  actorId: string;
  hasStaff: boolean;
  staff: { title: string; value: string }[];
  actions: { show: string };
}

export function auditQueryView(
  t: TFunction,
  lang: TLocale,
  opts: { dpo: boolean; staff: { aadObjectId: string; displayName: string }[]; values?: { caseCode?: string; actorId?: string }; problem?: string },
): TAuditQueryView {
  return {
    lang,
    title: t('audit.query.title'),
    intro: t(opts.dpo ? 'audit.query.introDpo' : 'audit.query.introCoordinator'),
    problem: opts.problem ?? '',
    labels: {
      caseCode: t('audit.query.caseCode'),
      caseCodePlaceholder: t('audit.query.caseCodePlaceholder'),
      person: t('audit.query.person'),
      personPlaceholder: t('audit.query.personPlaceholder'),
      tip: t('audit.query.tip'),
    },
    caseCode: opts.values?.caseCode ?? '',
    actorId: opts.values?.actorId ?? '',
    hasStaff: opts.staff.length > 0,
    staff: opts.staff.slice(0, AUDIT_STAFF_CHOICES).map((s) => ({ title: s.displayName, value: s.aadObjectId })),
    actions: { show: t('audit.query.show') },
  };
}
