import type { Logger } from '../logger.ts';

export interface TPeriodicJob<T> {
  /** One round; a tick asked for while another runs returns that one, so rounds never overlap. */
  tick(): Promise<T>;
  /** Runs a round now and then every `intervalMs` after the previous one ended; a failed round is logged. */
  start(intervalMs: number): void;
  /** Stops; resolves when a round in progress has finished. */
  stop(): Promise<void>;
}

/** The loop shared by the scheduled jobs (reminders, purge): no overlap, survives a failed round, stops cleanly. */
export function createPeriodicJob<T>(run: () => Promise<T>, opts: { logger: Logger; failureEvent: string }): TPeriodicJob<T> {
  let current: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const tick = (): Promise<T> => {
    current ??= run().finally(() => {
      current = undefined;
    });
    return current;
  };

  return {
    tick,
    start(intervalMs) {
      if (running) return;
      running = true;
      const loop = async () => {
        try {
          await tick();
        } catch (err) {
          opts.logger.error({ event: opts.failureEvent, err });
        }
        if (!running) return;
        timer = setTimeout(loop, intervalMs);
        timer.unref();
      };
      void loop();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
