// Browserless client for a running M365 Agents Playground (0.2.28): talks to the same
// undocumented routes its web UI uses. Shapes and caveats: docs/playground.md.
//
// Replies are buffered from the moment of connect(); nextActivity()/waitForCard() consume the
// first buffered or future match, so a reply that arrives before the call is never lost.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** Response of GET /_internal/v1/config */
export interface PlaygroundConfig {
  config: {
    tenantId: string;
    bot: { id: string; name: string };
    currentUser: PlaygroundUser;
    users: PlaygroundUser[];
    personalChat: { id: string; name: string };
    groupChats: { id: string; name: string; members: string[] }[];
    teams: {
      id: string;
      name: string;
      aadGroupId: string;
      channels: { id: string; name: string; channelType: string }[];
      members: string[];
    }[];
  };
  internalConfig: { locale: string; localTimezone: string; channelId: string };
}

export interface ConversationIds {
  personalChat: string;
  groupChat: string;
  team: string;
  /** General channel: same id as the team */
  general: string;
  /** Channel ids by display name, including "General" */
  channels: Record<string, string>;
  botId: string;
  botName: string;
  currentUserId: string;
  tenantId: string;
}

export async function fetchPlaygroundConfig(url: string): Promise<PlaygroundConfig> {
  // Note: this route first waits (up to 15 s) until the bot endpoint answers.
  const res = await fetch(`${url}/_internal/v1/config`);
  if (!res.ok) throw new Error(`GET /_internal/v1/config: ${res.status} ${await res.text()}`);
  return (await res.json()) as PlaygroundConfig;
}

export function conversationIds(cfg: PlaygroundConfig): ConversationIds {
  const c = cfg.config;
  const team = c.teams[0];
  const groupChat = c.groupChats[0];
  if (!team || !groupChat) throw new Error('Playground config has no team or group chat');
  return {
    personalChat: c.personalChat.id,
    groupChat: groupChat.id,
    team: team.id,
    general: team.id,
    channels: Object.fromEntries(team.channels.map((ch) => [ch.name, ch.id])),
    botId: c.bot.id,
    botName: c.bot.name,
    currentUserId: c.currentUser.id,
    tenantId: c.tenantId,
  };
}

export function channelIdByName(cfg: PlaygroundConfig, name: string): string {
  const id = conversationIds(cfg).channels[name];
  if (!id) throw new Error(`No channel named "${name}" in the Playground config`);
  return id;
}

export interface StreamAttachment {
  contentType: string;
  content?: unknown;
}

/** A bot message as the Playground streams it to its UI. */
export interface StreamMessage {
  messageId: string;
  timestamp: number;
  from: { id: string };
  text?: string;
  textFormat?: string;
  attachments: StreamAttachment[];
  attachmentLayout: string;
  mentions: unknown[];
  /** Set when this message opened a new channel post (proactive post): the post's conversation id */
  postConversationId?: string;
  directLineConversationId?: string;
  suggestedActions?: unknown;
}

type StreamEvent =
  | { action: 'createMessage' | 'updateMessage'; actionConversationId: string; message: StreamMessage }
  | { action: 'typing'; actionConversationId: string };

export interface BotActivity {
  /** createMessage = new message; updateMessage = the bot's updateActivity on messageId */
  action: 'createMessage' | 'updateMessage';
  /** Conversation the UI shows it in (a channel thread: "<channel>;messageid=<post>") */
  conversationId: string;
  messageId: string;
  text?: string;
  attachments: StreamAttachment[];
  message: StreamMessage;
}

export type AdaptiveCardJson = { type: 'AdaptiveCard'; version?: string; body?: unknown[]; actions?: unknown[] } & Record<
  string,
  unknown
>;

export interface SendTextOptions {
  /** Prefix `<at>Bot</at>` and add the mention entity. Default: true except in the personal chat,
   *  because in group chats and channels only messages that mention the bot reach it. */
  mentionBot?: boolean;
  /** Sender user id. The messages route always uses the current user, so another sender (or a
   *  locale) switches to the custom-activity route: the bot gets it, the UI does not show it. */
  from?: string;
  /** activity.locale to send (the Playground itself always sends en-US). Uses the custom route. */
  locale?: string;
}

export interface SentMessage {
  messageId: string;
  /** Where the bot's replies will appear: the new post's id in a channel, else the conversation */
  replyConversationId: string;
}

export interface InvokeResponse {
  /** e.g. application/vnd.microsoft.card.adaptive or application/vnd.microsoft.activity.message */
  type?: string;
  value?: unknown;
}

export class PlaygroundClient {
  readonly ids: ConversationIds;
  private readonly buffer: BotActivity[] = [];
  private readonly waiters = new Set<{ match: (a: BotActivity) => boolean; resolve: (a: BotActivity) => void }>();
  private readonly seen: string[] = [];

  private constructor(
    readonly url: string,
    readonly config: PlaygroundConfig,
    private readonly ws: WebSocket,
  ) {
    this.ids = conversationIds(config);
    ws.on('message', (data) => this.onEvent(JSON.parse(String(data)) as StreamEvent));
  }

  static async connect(url: string): Promise<PlaygroundClient> {
    const config = await fetchPlaygroundConfig(url);
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new PlaygroundClient(url, config, ws);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  /** Discards buffered, not yet consumed bot activities and returns them. */
  drain(): BotActivity[] {
    return this.buffer.splice(0);
  }

  async sendText(conversationId: string, text: string, opts: SendTextOptions = {}): Promise<SentMessage> {
    const mention = opts.mentionBot ?? conversationId !== this.ids.personalChat;
    const at = `<at>${this.ids.botName}</at>`;
    const fullText = mention ? `${at} ${text}` : text;
    const from = opts.from ?? this.ids.currentUserId;
    if (from !== this.ids.currentUserId || opts.locale) {
      return this.sendCustomMessage(conversationId, fullText, from, opts.locale ?? 'en-US', mention);
    }
    const body = {
      type: 'text',
      text: fullText,
      textFormat: 'plain',
      from: { id: from },
      mentions: mention ? [{ mentioned: { id: this.ids.botId, name: this.ids.botName }, text: at }] : [],
    };
    const res = await this.post<{ messageId: string; postConversationId?: string }>(
      `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      body,
    );
    return { messageId: res.messageId, replyConversationId: res.postConversationId ?? conversationId };
  }

  /** Action.Submit on the card message `replyToId`; `data` = the action's data merged with inputs. */
  async submitCard(
    conversationId: string,
    replyToId: string,
    data: Record<string, unknown>,
    opts: { from?: string } = {},
  ): Promise<void> {
    await this.post('/_conversation/v1/submit', {
      conversation: { id: conversationId },
      from: { id: opts.from ?? this.ids.currentUserId },
      replyToId,
      value: data,
    });
  }

  /** Action.Execute (invoke adaptiveCard/action). The Playground replaces the card with the
   *  returned one in its store and UI; no stream event is sent for that. */
  async invokeAction(
    conversationId: string,
    replyToId: string,
    action: { verb: string; data?: Record<string, unknown>; title?: string },
    opts: { from?: string } = {},
  ): Promise<InvokeResponse> {
    return this.post<InvokeResponse>('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      conversation: { id: conversationId },
      from: { id: opts.from ?? this.ids.currentUserId },
      replyToId,
      value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data: action.data ?? {} } },
    });
  }

  /** Presses an Action.Execute button on a card and returns the card the bot answers with (throws on anything else). */
  async executeForCard(conversationId: string, cardMessageId: string, verb: string, data: Record<string, unknown> = {}): Promise<AdaptiveCardJson> {
    const response = await this.invokeAction(conversationId, cardMessageId, { verb, data });
    if (response.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`${verb}: expected a card, got ${response.type}: ${JSON.stringify(response.value)}`);
    return response.value as AdaptiveCardJson;
  }

  /** Resolves with the first bot activity (already buffered or future) that matches. */
  nextActivity(match: (a: BotActivity) => boolean = () => true, timeoutMs = 5000): Promise<BotActivity> {
    const i = this.buffer.findIndex(match);
    if (i >= 0) return Promise.resolve(this.buffer.splice(i, 1)[0]!);
    return new Promise<BotActivity>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (a: BotActivity) => {
          clearTimeout(timer);
          resolve(a);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.seen.slice(-5).join('\n  ') || '(none)';
        reject(new Error(`No matching bot activity within ${timeoutMs} ms. Last received:\n  ${recent}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Next bot message carrying an Adaptive Card whose texts match `text` (if given). */
  async waitForCard(
    opts: { conversationId?: string; text?: string | RegExp; action?: BotActivity['action'] } = {},
    timeoutMs = 5000,
  ): Promise<{ activity: BotActivity; card: AdaptiveCardJson }> {
    const activity = await this.nextActivity((a) => {
      const card = adaptiveCardOf(a);
      if (!card) return false;
      if (opts.conversationId && !inConversation(opts.conversationId)(a)) return false;
      if (opts.action && a.action !== opts.action) return false;
      return opts.text === undefined || textMatches(cardText(card), opts.text);
    }, timeoutMs);
    return { activity, card: adaptiveCardOf(activity)! };
  }

  private onEvent(ev: StreamEvent): void {
    if (ev.action === 'typing') return;
    const a: BotActivity = {
      action: ev.action,
      conversationId: ev.actionConversationId,
      messageId: ev.message.messageId,
      text: ev.message.text,
      attachments: ev.message.attachments ?? [],
      message: ev.message,
    };
    this.seen.push(`${a.action} ${a.conversationId} ${a.text ?? a.attachments.map((x) => x.contentType).join(',')}`);
    for (const w of this.waiters) {
      if (w.match(a)) {
        this.waiters.delete(w);
        w.resolve(a);
        return;
      }
    }
    this.buffer.push(a);
  }

  private async sendCustomMessage(
    conversationId: string,
    text: string,
    from: string,
    locale: string,
    mention: boolean,
  ): Promise<SentMessage> {
    const { ids } = this;
    const user = [this.config.config.currentUser, ...this.config.config.users].find((u) => u.id === from);
    if (!user) throw new Error(`Unknown user id ${from}`);
    const channelId = conversationId.split(';')[0]!;
    const isChannel = Object.values(ids.channels).includes(channelId);
    const conversationType =
      conversationId === ids.personalChat ? 'personal' : isChannel ? 'channel' : 'groupChat';
    const id = randomUUID();
    const entities: Record<string, unknown>[] = [{ type: 'clientInfo', locale, country: locale.split('-')[1], platform: 'Web' }];
    if (mention) {
      entities.unshift({ type: 'mention', mentioned: { id: ids.botId, name: ids.botName }, text: `<at>${ids.botName}</at>` });
    }
    await this.post('/_internal/v1/customActivities', {
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${this.url}/_connector`,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: ids.botId, name: ids.botName },
      conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal', tenantId: ids.tenantId },
      text,
      textFormat: 'plain',
      locale,
      entities,
      channelData: {
        tenant: { id: ids.tenantId },
        ...(isChannel ? { team: { id: ids.team }, channel: { id: channelId } } : {}),
      },
    });
    return { messageId: id, replyConversationId: conversationId };
  }

  private async post<T = unknown>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Matches activities shown in `conversationId`, including its channel threads. */
export function inConversation(conversationId: string): (a: BotActivity) => boolean {
  return (a) => a.conversationId === conversationId || a.conversationId.startsWith(`${conversationId};messageid=`);
}

export function adaptiveCardOf(a: BotActivity): AdaptiveCardJson | undefined {
  const att = a.attachments.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  return att?.content as AdaptiveCardJson | undefined;
}

/** All `text` and `title` strings in a card, joined by newlines (for matching). */
export function cardText(node: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if ((k === 'text' || k === 'title') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(node);
  return out.join('\n');
}

function textMatches(haystack: string, needle: string | RegExp): boolean {
  return typeof needle === 'string' ? haystack.includes(needle) : needle.test(haystack);
}
