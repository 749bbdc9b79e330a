// Route handlers called the way teams-ai calls them, without Teams: the routes a register function adds, and a turn
// context for one user in the personal chat or a team channel that records what the handler sends.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';

type THandler = (context: TurnContext, state: unknown, data?: unknown) => Promise<unknown>;
export type TCard = Record<string, unknown>;

/** Collects the routes register functions add, so a test can call them like teams-ai does. */
export function captureRoutes() {
  const messages: { pattern: RegExp; handler: THandler }[] = [];
  const actions = new Map<string, THandler>();
  const app = {
    message: (pattern: RegExp | ((context: TurnContext) => Promise<boolean>), handler: THandler) => {
      if (pattern instanceof RegExp) messages.push({ pattern, handler });
    },
    adaptiveCards: { actionExecute: (verb: string | RegExp, handler: THandler) => typeof verb === 'string' && actions.set(verb, handler) },
    conversationUpdate: () => undefined,
    activity: () => undefined,
  };
  return { app: app as unknown as Application<TurnState>, messages, actions };
}

export function turn(userId: string, opts: { text?: string; channelOfTeam?: string; locale?: string } = {}) {
  const sent: unknown[] = [];
  const context = {
    activity: {
      type: opts.text ? 'message' : 'invoke', text: opts.text, locale: opts.locale ?? 'nl-BE',
      from: { id: `29:${userId}`, aadObjectId: userId, name: `Collega ${userId}` },
      conversation: { id: opts.channelOfTeam ? `19:channel-${opts.channelOfTeam};messageid=1` : `a:${userId}`, conversationType: opts.channelOfTeam ? 'channel' : 'personal' },
      channelData: opts.channelOfTeam ? { team: { id: opts.channelOfTeam }, channel: { id: `19:channel-${opts.channelOfTeam}` } } : {},
      recipient: { id: '28:bot' }, serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', id: 'act-1',
    },
    sendActivity: async (activity: unknown) => sent.push(activity),
    updateActivity: async () => undefined,
  } as unknown as TurnContext;
  return { context, sent };
}

export const sentCard = (sent: unknown[]): TCard => (sent.at(-1) as { attachments: { content: TCard }[] }).attachments[0]!.content;
export const textOf = (card: unknown): string => JSON.stringify(card);
