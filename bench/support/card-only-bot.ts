/**
 * The framework's floor for bench/turns.bench.ts, run as its own process
 * (`node --import tsx bench/support/card-only-bot.ts <port>`): the same adapter and teams-ai Application as Nabij
 * (TeamsAdapter without credentials, turn state in memory), answering 'reg.save' with the card Nabij answers it with
 * (the next registration step, rendered by Nabij's own views and templates) – and nothing else: no database, no
 * access check, no audit, no encryption. What Nabij costs beyond this is its own work; what this costs beyond the
 * echo bot is teams-ai and the card. Prints `listening <port>` when ready.
 */
import { MemoryStorage, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import express from 'express';
import { registrationSteps } from '../../bot/registration/registration-steps.ts';
import { stepView } from '../../bot/registration/registration-views.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { renderCard } from '../../bot/ui/render.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { BENCH_CONTACT } from './bench-contact.ts';

const port = Number(process.argv[2] ?? 3998);
const content = loadContent();
const t = translator('nl');
const steps = registrationSteps(content, t, 'nl', content.socialMaps[0]!.services.map((s) => ({ title: s.name, value: s.id })));

const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({ adapter, botAppId: '', storage: new MemoryStorage(), removeRecipientMention: true, startTypingTimer: false });
app.adaptiveCards.actionExecute('reg.save', async (_context: TurnContext, _state, data: { stepId?: string }) => {
  const index = Math.min(steps.length - 1, steps.findIndex((s) => s.id === data.stepId) + 1);
  return renderCard('registration-step', stepView(t, 'nl', BENCH_CONTACT, steps, index, { values: {}, notice: t('registration.saved') }));
});

const http = express();
http.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await app.run(context);
  });
});
const server = http.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
