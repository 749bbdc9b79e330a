// Work that runs beside the turns: the outbox that delivers proactive messages, the follow-up reminders, the
// daily purge and the hourly pruning of old bookkeeping. Each claims its work in the database (pruning needs no
// claim), so several instances can run them side by side.
import { randomBytes } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { TContent } from '../data/content/load-content.ts';
import type { TDb } from '../data/client.ts';
import type { TConversationRefRepository } from '../data/repositories/conversation-refs.ts';
import type { TFollowUpRepository } from '../data/repositories/follow-ups.ts';
import type { TOutboxRepository } from '../data/repositories/outbox.ts';
import { createProcessedActivityRepository } from '../data/repositories/processed-activities.ts';
import type { TRetentionRepository } from '../data/repositories/retention.ts';
import type { TSignalRepository } from '../data/repositories/signals.ts';
import { createTeamScheduleRepository } from '../data/repositories/team-schedule.ts';
import type { TTeamRepository } from '../data/repositories/teams.ts';
import type { TConfig } from './config.ts';
import { createOutboxDispatcher } from './delivery/outbox-dispatcher.ts';
import { createPersonalChatOpener, sendOpeningPersonalChats } from './delivery/open-personal-chat.ts';
import { createOutboxRenderer } from './delivery/render-outbox-message.ts';
import { createTargetResolver } from './delivery/resolve-target.ts';
import { createAdapterSend } from './delivery/send-via-adapter.ts';
import { createReminderScheduler } from './follow-ups/reminder-scheduler.ts';
import type { Logger } from './logger.ts';
import { createPurgeScheduler } from './privacy-lifecycle/purge-scheduler.ts';
import { SIGNAL_POST_KIND } from './signals/signal-handlers.ts';

/** Sent and failed outbox messages are kept this long (the coordinator's delivery status lists the failed ones). */
const OUTBOX_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** Handled activities are remembered this long: Teams redelivers within a minute, reminder claims name their day. */
const PROCESSED_ACTIVITY_KEPT_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface TBackgroundJobDeps {
  db: TDb;
  adapter: CloudAdapter;
  botAppId?: string;
  config: TConfig;
  content: TContent;
  logger: Logger;
  conversationRefs: TConversationRefRepository;
  teams: TTeamRepository;
  signals: TSignalRepository;
  followUps: TFollowUpRepository;
  outbox: TOutboxRepository;
  retention: TRetentionRepository;
}

/**
 * Where and how the outbox delivers: targets to references (a signal channel, a stored chat, or someone's personal
 * chat, opened first through a team of theirs when the bot has none with them yet) and the send itself.
 */
export function outboxDelivery(deps: Pick<TBackgroundJobDeps, 'adapter' | 'botAppId' | 'conversationRefs' | 'teams' | 'logger'>) {
  const { teams, conversationRefs } = deps;
  return {
    resolveReference: createTargetResolver({
      findSignalChannel: (id) => teams.signalChannelReference(id),
      findConversation: (id) => conversationRefs.find(id),
      findPersonal: (id) => conversationRefs.findPersonal(id),
      findPersonalChatRoute: (id, teamId) => teams.personalChatRoute(id, teamId),
    }),
    send: sendOpeningPersonalChats(
      createAdapterSend(deps.adapter, { botAppId: deps.botAppId }),
      createPersonalChatOpener({
        adapter: deps.adapter,
        botAppId: deps.botAppId,
        savePersonal: (reference, tenantId) => conversationRefs.save(reference, 'personal', tenantId),
        logger: deps.logger,
      }),
    ),
  };
}

export function createBackgroundJobs(deps: TBackgroundJobDeps) {
  const { config, logger, teams, signals, followUps, outbox } = deps;
  const clock = () => new Date();
  const dispatcher = createOutboxDispatcher({
    outbox,
    render: createOutboxRenderer({ content: deps.content, signals, teams, followUps, clock, timeZone: config.timeZone }),
    ...outboxDelivery(deps),
    onSent: async (message, activityId) => {
      const signalId = (message.payload as { signalId?: unknown }).signalId;
      if (message.kind === SIGNAL_POST_KIND && typeof signalId === 'string' && activityId) await signals.recordPosted(signalId, activityId);
    },
    clock,
    random: Math.random,
    logger,
    instanceId: `${process.pid}-${randomBytes(4).toString('hex')}`,
  });
  const reminders = createReminderScheduler({
    followUps,
    schedule: createTeamScheduleRepository(deps.db),
    outbox,
    clock,
    logger,
    timeZone: config.timeZone,
    reminderHour: config.reminderHour,
    weeklyOn: config.weeklySummary,
    onEnqueued: () => dispatcher.wake(),
  });
  const purge = createPurgeScheduler({ retention: deps.retention, policy: config.retention, clock, logger, timeZone: config.timeZone, hour: config.purgeHour });
  const processed = createProcessedActivityRepository(deps.db);
  let pruneTimer: NodeJS.Timeout | undefined;
  const prune = () => {
    const now = clock().getTime();
    outbox.prune(new Date(now - OUTBOX_KEPT_MS)).catch((err: unknown) => logger.warn({ event: 'outbox_prune_failed', err }));
    processed.pruneOlderThan(new Date(now - PROCESSED_ACTIVITY_KEPT_MS)).catch((err: unknown) => logger.warn({ event: 'prune_failed', err }));
  };

  return {
    /** Delivers what was just enqueued now rather than at the next idle tick. */
    wakeOutbox: () => dispatcher.wake(),
    start() {
      // Busy: every quarter second at most; idle: the configured interval.
      dispatcher.start(Math.min(250, config.outboxIntervalMs), config.outboxIntervalMs);
      reminders.start(config.schedulerIntervalMs);
      purge.start(config.schedulerIntervalMs);
      pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
      pruneTimer.unref();
    },
    /** Resolves when work in progress has finished. */
    async stop(): Promise<void> {
      clearInterval(pruneTimer);
      await Promise.all([dispatcher.stop(), reminders.stop(), purge.stop()]);
    },
  };
}
