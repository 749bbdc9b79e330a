import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TBotAuth } from './config.ts';

/**
 * With app credentials, botbuilder verifies the Bot Framework token on every request and rejects the rest (401).
 * Without them (anonymous mode, local Teams client only) it skips that check – config.ts decides when that is allowed.
 */
export function createAdapter(auth: TBotAuth): TeamsAdapter {
  if (auth.mode === 'anonymous') return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppTenantId: auth.tenantId,
    MicrosoftAppType: auth.appType,
  });
}
