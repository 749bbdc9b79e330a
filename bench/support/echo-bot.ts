/**
 * The reference for bench/turns.bench.ts: a bare botbuilder echo bot, run as its own process
 * (`node --import tsx bench/support/echo-bot.ts <port>`). The same HTTP stack as Nabij (express, express.json,
 * a CloudAdapter without credentials), and nothing else: a message is echoed through the connector
 * (`context.sendActivity(text)`), a card action is answered in the invoke response with its verb.
 * Prints `listening <port>` when ready.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express from 'express';

const port = Number(process.argv[2] ?? 3999);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

async function echo(context: TurnContext): Promise<void> {
  const { activity } = context;
  if (activity.type === 'invoke') {
    const verb = (activity.value as { action?: { verb?: string } } | undefined)?.action?.verb ?? '';
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: verb } } });
    return;
  }
  if (activity.type === 'message') await context.sendActivity(activity.text ?? '');
}

const http = express();
http.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
  await adapter.process(req, res, echo);
});
const server = http.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
