/**
 * The load for bench/turns.bench.ts, run as its own process so that sending does not share an event loop with
 * the bot: `node --import tsx bench/support/load-generator.ts '<TLoadPlan as JSON>'`. Prints one line:
 * `load-result <TLoadResult as JSON>`.
 *
 * Closed loop: every conversation sends its next activity when the previous one was answered. First a warm-up,
 * then the measured window. Throughput counts the answers that arrive inside the window; latency, status and body
 * are taken of the requests sent inside it (the last ones are awaited after it), so a slow request from the
 * warm-up does not count and a slow one at the end is not left out. HTTP/1.1 with keep-alive, one connection per
 * conversation, as Teams' service would keep.
 */
import { Agent, request } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { quantile } from './report.ts';

export interface TConversation {
  conversationId: string;
  userId: string;
  aadObjectId: string;
  /** The contact this conversation's worker saves a registration step for. */
  contactId: string;
}

export interface TLoadPlan {
  endpoint: string;
  /** Where replies sent through the connector go (the fake connector). */
  serviceUrl: string;
  tenantId: string;
  conversations: TConversation[];
  warmupMs: number;
  measureMs: number;
  /** Every answer must contain this (e.g. the saved notice); otherwise it counts as an error. */
  expect?: string;
}

export interface TLoadResult {
  /** Answered inside the measured window. */
  requests: number;
  /** Sent inside the measured window: the ones whose latency is reported. */
  timed: number;
  /** Answered in all, warm-up included (for the CPU time per turn). */
  allRequests: number;
  errors: number;
  firstError?: string;
  windowMs: number;
  throughput: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

const BOT = { id: '28:bench-bot', name: 'Nabij' };

/**
 * The n-th card action of a conversation, shaped as Teams sends it (personal chat, tenant in channelData): 'reg.save'
 * of the registration steps 'visit' and 'wellbeing' in turn, with values that change, so every turn writes the draft.
 */
export function activityFor(plan: TLoadPlan, c: TConversation, n: number): Record<string, unknown> {
  const common = {
    id: `bench-${c.conversationId}-${n}-${process.pid}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: plan.serviceUrl,
    from: { id: c.userId, name: 'Bench Medewerker', aadObjectId: c.aadObjectId },
    recipient: BOT,
    conversation: { id: c.conversationId, conversationType: 'personal', isGroup: false, tenantId: plan.tenantId },
    locale: 'nl-BE',
    entities: [{ type: 'clientInfo', locale: 'nl-BE', country: 'BE', platform: 'Web' }],
    channelData: { tenant: { id: plan.tenantId } },
  };
  const data =
    n % 2 === 0
      ? { contactId: c.contactId, stepId: 'visit', go: 'next', visitDate: '2026-01-12', visitors: `Bench Medewerker ${n}`, place: 'home', present: '' }
      : { contactId: c.contactId, stepId: 'wellbeing', go: 'next', wellbeing: String(n % 11), strengths: 'Wandelt graag', worries: '', goingWell: '', mustHappen: '' };
  return { ...common, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'reg.save', data } } };
}

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(plan: TLoadPlan): Promise<TLoadResult> {
  const url = new URL(plan.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.conversations.length });
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const measureTo = measureFrom + plan.measureMs;
  const latencies: number[] = [];
  let answeredInWindow = 0;
  let errors = 0;
  let allRequests = 0;
  let firstError: string | undefined;

  const conversation = async (c: TConversation) => {
    for (let n = 0; performance.now() < measureTo; n++) {
      const body = JSON.stringify(activityFor(plan, c, n));
      const t0 = performance.now();
      let problem: string | undefined;
      try {
        const res = await post(agent, url, body);
        if (res.status !== 200) problem = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
        else if (plan.expect && !res.text.includes(plan.expect)) problem = `unexpected answer: ${res.text.slice(0, 300)}`;
      } catch (error) {
        problem = (error as Error).message;
      }
      const t1 = performance.now();
      allRequests += 1;
      if (t1 >= measureFrom && t1 <= measureTo) answeredInWindow += 1;
      if (t0 < measureFrom) continue;
      latencies.push(t1 - t0);
      if (problem) {
        errors += 1;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(plan.conversations.map(conversation));
  agent.destroy();

  latencies.sort((a, b) => a - b);
  return {
    requests: answeredInWindow,
    timed: latencies.length,
    allRequests,
    errors,
    firstError,
    windowMs: plan.measureMs,
    throughput: answeredInWindow / (plan.measureMs / 1000),
    meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    p50Ms: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? NaN,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await runLoad(JSON.parse(process.argv[2] ?? '{}') as TLoadPlan);
  console.log(`load-result ${JSON.stringify(result)}`);
}
