// Shared by the access tests (access*.test.ts): the real route handlers on a real database, called the way
// teams-ai calls them (as in follow-ups-handlers.test.ts), with a team roster set up without Teams.
import { createRetentionRepository } from '../../data/repositories/retention.ts';
import type { TurnContext } from 'botbuilder';
import { registerAuditRoutes } from '../../bot/audit/audit-handlers.ts';
import { registerContactRoutes } from '../../bot/contacts/contact-handlers.ts';
import { registerFollowUpRoutes } from '../../bot/follow-ups/follow-up-handlers.ts';
import { registerGuideRoutes } from '../../bot/guide/guide-handlers.ts';
import { createLogger } from '../../bot/logger.ts';
import { collectNoteMessage, registerNotesRoutes } from '../../bot/notes/notes-handlers.ts';
import { registerPreparationRoutes } from '../../bot/preparation/preparation-handlers.ts';
import { registerRegistrationRoutes } from '../../bot/registration/registration-handlers.ts';
import type { TServices } from '../../bot/services.ts';
import { registerAssignFollowUpRoutes } from '../../bot/teams/assign-follow-up-handlers.ts';
import { registerTeamRoutes } from '../../bot/teams/team-handlers.ts';
import type { TDb } from '../../data/client.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { createContactRepository, type TContactData } from '../../data/repositories/contacts.ts';
import { createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { createRegistrationRepository } from '../../data/repositories/registrations.ts';
import { createSignalDigestRepository } from '../../data/repositories/signal-digest.ts';
import { createSignalRepository } from '../../data/repositories/signals.ts';
import { createTeamRepository, type TTeamRole } from '../../data/repositories/teams.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { createWorkerRepository } from '../../data/repositories/workers.ts';
import { captureRoutes, sentCard, textOf, turn, type TCard } from '../support/route-harness.ts';

export { captureRoutes, sentCard, textOf, turn, type TCard };


export const NOW = new Date('2027-02-10T09:00:00Z');
export const content = loadContent();

/** Fictitious people; the citizen's names must never reach the access log. */
export const PERSON: TContactData = {
  lifeEvent: 'partner_death', eventDate: '2025-01-02', detectionSource: 'own_work', consentStatus: 'not_needed',
  firstName: 'Testvoornaam', lastName: 'Testachternaam', street: 'Voorbeeldstraat', houseNumber: '7', postalCode: '9999',
  municipality: 'Voorbeeldgemeente', phone: '+32 9 000 00 07', email: 'test@example.org', birthDate: '1944', relatives: 'een zoon',
};
export const PERSONAL_VALUES = ['Testvoornaam', 'Testachternaam', 'Voorbeeldstraat', '+32 9 000 00 07', 'test@example.org', 'een zoon'];


/** Real repositories on the test database; `overrides` swaps parts at the edge (e.g. a failing audit log). */
export function buildServices(db: TDb, overrides: Partial<TServices> = {}): TServices {
  const outbox = createOutboxRepository(db);
  return {
    content,
    contacts: createContactRepository(db),
    registrations: createRegistrationRepository(db),
    workers: createWorkerRepository(db),
    logger: createLogger({ level: 'silent' }),
    clock: () => NOW,
    publicBaseUrl: 'http://127.0.0.1:3978',
    linkSecret: Buffer.alloc(32, 7),
    visitNotes: createVisitNotesRepository(db),
    teams: createTeamRepository(db),
    signals: createSignalRepository(db),
    signalDigest: createSignalDigestRepository(db),
    followUps: createFollowUpRepository(db),
    audit: createAccessAuditRepository(db),
    retention: createRetentionRepository(db),
    retentionPolicy: { contactMonths: 24, openContactMonths: 36, notesDays: 30 },
    timeZone: 'Europe/Brussels',
    outbox,
    deliverSoon: () => undefined,
    coordinators: [],
    dpos: ['dpo-1'],
    continueConversation: async (_reference, logic) => logic(turn('bot').context),
    ...overrides,
  };
}

/** Registers every route that shows or changes a contact, plus the access-log query. */
export function registerAll(services: TServices) {
  const routes = captureRoutes();
  registerContactRoutes(routes.app, services);
  registerPreparationRoutes(routes.app, services);
  registerGuideRoutes(routes.app, services);
  registerRegistrationRoutes(routes.app, services);
  registerNotesRoutes(routes.app as never, services);
  registerFollowUpRoutes(routes.app, services);
  registerTeamRoutes(routes.app, services);
  registerAssignFollowUpRoutes(routes.app, services);
  registerAuditRoutes(routes.app, services);
  const action = async (verb: string, context: TurnContext, data: unknown = {}, state: unknown = { conversation: {} }) => {
    const handler = routes.actions.get(verb);
    if (!handler) throw new Error(`no route for ${verb}`);
    return (await handler(context, state, data)) as TCard;
  };
  const message = async (text: string, userId: string) => {
    const route = routes.messages.find((m) => m.pattern.test(text));
    if (!route) throw new Error(`no route for "${text}"`);
    const { context, sent } = turn(userId, { text });
    await route.handler(context, { conversation: {} });
    return sentCard(sent);
  };
  const note = async (text: string, userId: string, state: { conversation: Record<string, unknown> }) =>
    collectNoteMessage(turn(userId, { text }).context, state as never, services);
  return { ...routes, action, message, note };
}

/** A team with its roster and roles, stored as a roster sync from Teams would store it. */
export async function setUpTeam(db: TDb, teamId: string, members: Record<string, TTeamRole>, opts: { shareContacts?: boolean } = {}) {
  const teams = createTeamRepository(db);
  const roster = Object.keys(members).map((id) => ({ aadObjectId: id, teamsUserId: `29:${id}`, displayName: `Collega ${id}` }));
  await teams.syncRoster(teamId, roster, Object.entries(members).filter(([, role]) => role === 'coordinator').map(([id]) => id));
  if (opts.shareContacts) await teams.saveSettings(teamId, { roles: {}, shareContacts: true });
}

export async function newContact(db: TDb, workerId: string, data: Partial<TContactData> = {}) {
  return createContactRepository(db).create({ ...PERSON, ...data }, { workerId, now: NOW });
}

/** The access log, oldest first, without ids and times. */
export async function auditRows(db: TDb, where: Record<string, unknown> = {}) {
  const rows = await db.accessAudit.findMany({ where, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ actorId: r.actorId, action: r.action, subject: r.subject, subjectId: r.subjectId, caseCode: r.caseCode, detail: r.detail }));
}
