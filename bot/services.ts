import type { ConversationReference, TurnContext } from 'botbuilder';
import type { TContent } from '../data/content/load-content.ts';
import type { TContactRepository } from '../data/repositories/contacts.ts';
import type { TRegistrationRepository } from '../data/repositories/registrations.ts';
import type { TVisitNotesRepository } from '../data/repositories/visit-notes.ts';
import type { TWorkerRepository } from '../data/repositories/workers.ts';
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
  /** Runs logic in a conversation outside the current turn (proactive updates). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}
