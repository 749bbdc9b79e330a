import type { TurnContext } from 'botbuilder';

/** The Teams user the turn is from: their Entra object id when Teams sends it (it always does in Teams). */
export function workerIdOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
}
