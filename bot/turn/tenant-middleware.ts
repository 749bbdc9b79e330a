import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.ts';
import { tenantIdOf } from './context.ts';

/** With an allow-list configured, activities from any other Microsoft 365 tenant get no answer at all. */
export function tenantAllowListMiddleware(allowedTenants: readonly string[], logger: Logger): Middleware {
  const allowed = new Set(allowedTenants.map((t) => t.toLowerCase()));
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const tenant = tenantIdOf(context)?.toLowerCase();
      if (tenant && allowed.has(tenant)) return next();
      logger.warn({ event: 'tenant_refused', activityType: context.activity.type });
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403, body: {} } });
      }
    },
  };
}
