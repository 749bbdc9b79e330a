// `npm start`: the bot in local mode plus Microsoft's local Teams client (M365 Agents Playground) to chat with.
// The bot prepares its database itself (created and migrated on first start) and adds fictitious demo data.
import { startBotProcess } from './bot-process.ts';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from './playground.ts';

const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);

const bot = await startBotProcess({
  port: botPort,
  env: {
    NABIJ_ALLOW_ANONYMOUS: 'true',
    NABIJ_DEMO_DATA: 'true',
    // The local client always reports en-US; set NABIJ_FORCE_LOCALE=en to see the English texts.
    NABIJ_FORCE_LOCALE: process.env.NABIJ_FORCE_LOCALE ?? 'nl',
    BOT_ID: '',
    // In the demo you chat as Lotte; she and Fien are coordinators, so you can try the channel commands yourself.
    NABIJ_COORDINATORS: process.env.NABIJ_COORDINATORS ?? '00000000-0000-4000-8000-00000000c001,00000000-0000-4000-8000-00000000c003',
  },
  onOutput: (chunk) => process.stdout.write(chunk),
}).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

const playground = await startPlayground({ botEndpoint: bot.endpoint, port: playgroundPort }).catch(async (error: Error) => {
  console.error(`The local Teams client did not start: ${error.message}`);
  await bot.stop();
  process.exit(1);
});

console.log(`
  Nabij draait. Open de lokale Teams-client in je browser:  ${playground.url}
  Nabij is running. Open the local Teams client in your browser: ${playground.url}
  Zeg "hallo" in de persoonlijke chat. Stoppen/stop: Ctrl-C
`);

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([playground.stop(), bot.stop()]);
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
bot.child.once('exit', (code) => {
  if (!stopping) console.error(`The bot stopped unexpectedly (exit ${code}).`);
  void stopAll(code ?? 1);
});
