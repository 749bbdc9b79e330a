/** The part of @azure/core-rest-pipeline's Pipeline we use (not a direct dependency, so typed here). */
interface TPipelineLike {
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: unknown) => Promise<unknown>): Promise<unknown> }): void;
}

const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/**
 * The connector client botbuilder creates for each proactive turn retries 429 (after Retry-After), 408, 5xx and
 * connection errors up to 3 times by itself, sleeping in memory. For outbox work that is switched off on that one
 * client and a request timeout added: the outbox is the only one retrying, so each attempt is one request, counted
 * and persisted, and cannot outlast its claim. The bot's ordinary replies keep the SDK's retries (they use other
 * client instances). Used for sends (send-via-adapter.ts) and for opening personal chats (open-personal-chat.ts).
 */
export function takeOverRetries(connectorClient: unknown, requestTimeoutMs: number): void {
  const pipeline = (connectorClient as { client?: { pipeline?: TPipelineLike } } | undefined)?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  pipeline.addPolicy({
    name: 'nabijOutboxRequestTimeout',
    sendRequest: (request, next) => {
      request.timeout = requestTimeoutMs;
      return next(request);
    },
  });
}
