import type { ConversationReference, TurnContext } from 'botbuilder';
import type { TContent } from '../data/content/load-content.ts';
import type { TContactRepository } from '../data/repositories/contacts.ts';
import type { TRegistrationRepository } from '../data/repositories/registrations.ts';
import type { TVisitNotesRepository } from '../data/repositories/visit-notes.ts';
import type { TWorkerRepository } from '../data/repositories/workers.ts';
import type { TSignalRepository } from '../data/repositories/signals.ts';
import type { TTeamRepository } from '../data/repositories/teams.ts';
import type { TRetentionPolicy, TRetentionRepository } from '../data/repositories/retention.ts';
import type { TOutboxRepository } from '../data/repositories/outbox.ts';
import type { TFollowUpRepository } from '../data/repositories/follow-ups.ts';
import type { TSignalDigestRepository } from '../data/repositories/signal-digest.ts';
import type { TAccessAuditRepository } from '../data/repositories/access-audit.ts';
import type { TLlm } from './notes/summarise-visit.ts';
import type { Logger } from './logger.ts';
import type { TLocale } from './ui/i18n.ts';

/** What route handlers need, passed in by createApp's caller (tests swap parts at the edge only). */
export interface TServices {
  content: TContent;
  contacts: TContactRepository;
  registrations: TRegistrationRepository;
  workers: TWorkerRepository;
  logger: Logger;
  clock: () => Date;
  /** Absolute base URL of this bot's HTTP server, for download links (letters). */
  publicBaseUrl: string;
  /** Signs and checks download links; see bot/letters/download-links.ts. */
  linkSecret: Buffer;
  forcedLocale?: TLocale;
  /** The LLM for summarising notes; absent when not configured, and then the feature is hidden. */
  llm?: TLlm;
  visitNotes?: TVisitNotesRepository;
  teams: TTeamRepository;
  signals: TSignalRepository;
  signalDigest: TSignalDigestRepository;
  followUps: TFollowUpRepository;
  retention: TRetentionRepository;
  /** How long each kind of personal data is kept (bot/config.ts, from the municipality's data agreement). */
  retentionPolicy: TRetentionPolicy;
  /** The append-only access log: every read of a contact, change, export and AI call (bot/audit). */
  audit: TAccessAuditRepository;
  /** Local time zone of the municipality, for due dates and reminders. */
  timeZone: string;
  /** Proactive messages go through the outbox (bot/delivery): enqueued with the change that causes them. */
  outbox: Pick<TOutboxRepository, 'enqueue' | 'enqueueMany' | 'listFailed' | 'retryFailed' | 'targetsOfPosts'>;
  /** Asks the outbox to deliver now rather than at its next tick. */
  deliverSoon(): void;
  /** Entra object ids who are coordinator in every team until a coordinator there changes it (NABIJ_COORDINATORS). */
  coordinators: readonly string[];
  /** Entra object ids of the data protection officers (NABIJ_DPOS): they may query the whole access log. */
  dpos: readonly string[];
  /** Runs logic in a conversation outside the current turn (proactive updates). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}
