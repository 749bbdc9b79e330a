import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TServices } from '../services.ts';
import { registerAccessRequestRoutes } from './access-request-handlers.ts';
import { registerCloseContactRoutes } from './close-contact-handlers.ts';
import { registerErasureRoutes } from './erasure-handlers.ts';

/** The privacy lifecycle in the personal chat: closing a contact, erasure on request and the access export. */
export function registerLifecycleRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  registerCloseContactRoutes(app, services);
  registerErasureRoutes(app, services);
  registerAccessRequestRoutes(app, services);
}
