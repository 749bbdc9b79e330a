import type { Activity } from 'botbuilder';
import { isFollowUpMessageKind, renderFollowUpMessage, type TFollowUpRenderDeps } from '../follow-ups/render-follow-up-message.ts';
import { renderSignalPost, renderSignalPostUpdate, SIGNAL_POST_UPDATE_KIND, type TSignalCardDeps } from '../signals/render-signal-post.ts';
import { SIGNAL_POST_KIND } from '../signals/signal-handlers.ts';

/** Renders an outbox message when it is sent, from the ids in its payload; undefined when its subject is gone. */
export function createOutboxRenderer(deps: TSignalCardDeps & TFollowUpRenderDeps) {
  return async (kind: string, payload: unknown): Promise<Partial<Activity> | undefined> => {
    if (kind === SIGNAL_POST_KIND) return renderSignalPost(deps, (payload ?? {}) as Record<string, unknown>);
    if (kind === SIGNAL_POST_UPDATE_KIND) return renderSignalPostUpdate(deps, payload);
    if (isFollowUpMessageKind(kind)) return renderFollowUpMessage(kind, payload, deps);
    return undefined;
  };
}
