import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';
import type { TServices } from '../services.ts';
import { languageOf } from '../turn/context.ts';
import { personalAction, personalMessage } from '../turn/personal-only.ts';
import { workerIdOf } from '../turn/worker.ts';
import { submittedValues } from '../ui/form.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { AUDIT_COMMAND, normalizeName, parseAuditCommand } from './audit-command.ts';
import { auditScopeOf, queryableStaff, type TAuditScope } from './audit-scope.ts';
import { AUDIT_PAGE_SIZE, AUDIT_STAFF_CHOICES, auditLogView, auditQueryView } from './audit-views.ts';
import { queryAudit, recordRefusedQuery, type TAuditTarget } from './query-audit.ts';

export { AUDIT_COMMAND };

/** What the query card and the "older rows" button send. */
const ZShowSchema = z.object({
  caseCode: z.string().trim().max(40).optional().transform((v) => v || undefined),
  actorId: z.string().trim().max(200).optional().transform((v) => v || undefined),
  beforeId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});

/** `audit …` in the personal chat, for coordinators and DPOs: the access log by contact or by person. */
export function registerAuditRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { forcedLocale } = services;

  const refusal = (context: TurnContext, reason: 'not_allowed' | 'out_of_scope'): TAdaptiveCard => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('audit.refused.title'), [t(reason === 'not_allowed' ? 'audit.refused.notAllowed' : 'audit.refused.outOfScope')]));
  };

  const formCard = async (context: TurnContext, scope: TAuditScope, opts: { values?: { caseCode?: string; actorId?: string }; problem?: string; staff?: { aadObjectId: string; displayName: string }[] } = {}) => {
    const { t, locale } = languageOf(context, forcedLocale);
    const staff = opts.staff ?? (await queryableStaff(services, scope, AUDIT_STAFF_CHOICES));
    return renderCard('audit-query', auditQueryView(t, locale, { dpo: scope.kind === 'dpo', staff, values: opts.values, problem: opts.problem }));
  };

  /**
   * A DPO is often in no team, so the roster has no name for them: their Teams name (staff, never a citizen) is kept,
   * like the name a worker signs letters with, so their queries show who made them.
   */
  const rememberDpoName = async (context: TurnContext, scope: TAuditScope | undefined) => {
    const name = context.activity.from?.name?.replace(/\(.*?\)/g, '').trim();
    if (name && scope?.kind === 'dpo') await services.workers.rememberName(workerIdOf(context), name);
  };

  /** The scope is looked up once per turn by the caller; a query without one is refused (and logged) by queryAudit. */
  const logCard = async (context: TurnContext, scope: TAuditScope | undefined, target: TAuditTarget, page: { beforeId?: number; offset?: number } = {}): Promise<TAdaptiveCard> => {
    await rememberDpoName(context, scope);
    const result = await queryAudit({ services, actorId: workerIdOf(context), scope, target, limit: AUDIT_PAGE_SIZE, beforeId: page.beforeId });
    if (!result.ok) return refusal(context, result.reason);
    const { t, locale } = languageOf(context, forcedLocale);
    services.logger.info({ event: 'audit_queried', by: target.by, rows: result.rows.length });
    return renderCard('audit-log', auditLogView(t, locale, result, { timeZone: services.timeZone, offset: page.offset }));
  };

  /** Who is meant by a typed name, among the people this scope may query. */
  const byName = async (context: TurnContext, scope: TAuditScope, query: string): Promise<TAdaptiveCard> => {
    const { t } = languageOf(context, forcedLocale);
    const wanted = normalizeName(query);
    const matches = (await queryableStaff(services, scope)).filter((s) => normalizeName(s.displayName).includes(wanted));
    if (matches.length === 1) return logCard(context, scope, { by: 'actor', actorId: matches[0]!.aadObjectId });
    if (!matches.length) return formCard(context, scope, { problem: t('audit.query.errors.noMatch', { query }) });
    return formCard(context, scope, { staff: matches, problem: t('audit.query.errors.several', { query }) });
  };

  const answerCommand = async (context: TurnContext): Promise<TAdaptiveCard> => {
    const command = parseAuditCommand(context.activity.text) ?? { kind: 'form' };
    const actorId = workerIdOf(context);
    const scope = await auditScopeOf(services, actorId);
    if (command.kind === 'contact') return logCard(context, scope, { by: 'contact', caseCode: command.caseCode });
    if (command.kind === 'self') return logCard(context, scope, { by: 'actor', actorId });
    if (!scope) {
      await recordRefusedQuery(services, actorId, command.kind);
      return refusal(context, 'not_allowed');
    }
    return command.kind === 'name' ? byName(context, scope, command.query) : formCard(context, scope);
  };

  app.message(AUDIT_COMMAND, personalMessage(forcedLocale, async (context) => sendCard(context, await answerCommand(context))));

  app.adaptiveCards.actionExecute('audit.form', personalAction(forcedLocale, async (context) => {
    const scope = await auditScopeOf(services, workerIdOf(context));
    if (scope) return formCard(context, scope);
    await recordRefusedQuery(services, workerIdOf(context), 'form');
    return refusal(context, 'not_allowed');
  }));

  app.adaptiveCards.actionExecute('audit.show', personalAction(forcedLocale, async (context, _state, data) => {
    const { t } = languageOf(context, forcedLocale);
    const parsed = ZShowSchema.safeParse({ ...submittedValues(data), ...pick(data, ['beforeId', 'offset']) });
    const scope = await auditScopeOf(services, workerIdOf(context));
    if (!scope) {
      await recordRefusedQuery(services, workerIdOf(context), 'form');
      return refusal(context, 'not_allowed');
    }
    if (!parsed.success) return formCard(context, scope, { problem: t('audit.query.errors.empty') });
    const { caseCode, actorId, beforeId, offset } = parsed.data;
    if (caseCode && !CASE_CODE_PATTERN.test(caseCode.toUpperCase())) return formCard(context, scope, { values: { caseCode, actorId }, problem: t('audit.query.errors.caseCode') });
    if (caseCode) return logCard(context, scope, { by: 'contact', caseCode: caseCode.toUpperCase() }, { beforeId, offset });
    if (actorId) return logCard(context, scope, { by: 'actor', actorId }, { beforeId, offset });
    return formCard(context, scope, { problem: t('audit.query.errors.empty') });
  }));
}

/** Numbers the bot itself put in a card's data (the paging cursor); card inputs arrive as strings. */
function pick(data: unknown, keys: string[]): Record<string, unknown> {
  if (!data || typeof data !== 'object') return {};
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(data, k)).map((k) => [k, (data as Record<string, unknown>)[k]]));
}
