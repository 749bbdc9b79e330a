import type { Storage, TurnContext } from 'botbuilder';
import { TurnState } from '@microsoft/teams-ai';
import type { TNotesConversationState } from '../notes/notes-handlers.ts';

/** Per-user state kept in the database between turns (and across restarts and instances). */
export interface TUserState {
  welcomedAt?: string;
}

/**
 * The card actions whose handlers read or change the turn state (notes collection: bot/notes/notes-handlers.ts).
 * Every other card action works from the contact id on the card and the database, so its turn skips reading the
 * state – one query less on the busiest turns (bench/turns.bench.ts).
 */
const STATEFUL_VERB = /^notes\./;

export class StateNotLoadedError extends Error {}

function skipsState(context: TurnContext): boolean {
  const { type, name, value } = context.activity;
  if (type !== 'invoke' || name !== 'adaptiveCard/action') return false;
  const verb = (value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return typeof verb === 'string' && !STATEFUL_VERB.test(verb);
}

/**
 * Conversation and user state of a turn. A card action outside STATEFUL_VERB starts from empty state without reading
 * it; if its handler changes that state anyway, saving fails loudly instead of overwriting the stored state.
 */
export class NabijTurnState extends TurnState<TNotesConversationState, TUserState> {
  private skipped = false;

  override async load(context: TurnContext, storage?: Storage): Promise<boolean> {
    this.skipped = skipsState(context);
    return super.load(context, this.skipped ? undefined : storage);
  }

  override async save(context: TurnContext, storage?: Storage): Promise<void> {
    if (this.skipped) {
      const changed = ['conversation', 'user'].filter((scope) => this.getScope(scope)?.hasChanged || this.getScope(scope)?.isDeleted);
      if (changed.length) throw new StateNotLoadedError(`a card action changed turn state it did not load (${changed.join(', ')}); add its verb to STATEFUL_VERB`);
      return;
    }
    return super.save(context, storage);
  }
}
