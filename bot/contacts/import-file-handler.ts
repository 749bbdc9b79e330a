import type { Attachment, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TServices } from '../services.ts';
import { languageOf, conversationKindOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { renderCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { importContacts } from './import-contacts.ts';
import { importResultView } from './import-views.ts';

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const MAX_BYTES = 5 * 1024 * 1024;

function csvAttachment(context: TurnContext): (Attachment & { content: { downloadUrl: string } }) | undefined {
  return context.activity.attachments?.find(
    (a): a is Attachment & { content: { downloadUrl: string } } =>
      a.contentType === TEAMS_FILE && /\.csv$/i.test(a.name ?? '') && typeof (a.content as { downloadUrl?: unknown })?.downloadUrl === 'string',
  );
}

/** Teams hands files over as a pre-authorised https link; plain http is accepted only from this machine (local client). */
function allowedDownload(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) return false;
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
}

/** A civil-affairs list sent to the bot as a file in personal chat is imported for the worker who sent it. */
export function registerImportFileRoute<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  app.message(
    async (context) => conversationKindOf(context) === 'personal' && csvAttachment(context) !== undefined,
    async (context) => {
      const { t, locale } = languageOf(context, services.forcedLocale);
      const file = csvAttachment(context)!;
      if (!allowedDownload(file.content.downloadUrl)) return void (await context.sendActivity(t('contacts.import.failed')));
      const response = await fetch(file.content.downloadUrl, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      const bytes = response?.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
      if (!bytes) return void (await context.sendActivity(t('contacts.import.failed')));
      if (bytes.byteLength > MAX_BYTES) return void (await context.sendActivity(t('contacts.import.tooLarge')));
      const workerId = workerIdOf(context);
      const outcome = await importContacts({
        csv: bytes, workerId, content: services.content, contacts: services.contacts, now: services.clock(), via: 'teams-file', audit: { log: services.audit, actorId: workerId },
      });
      services.logger.info({ event: 'contacts_imported', imported: outcome.imported, rejected: outcome.errors.length });
      await sendCard(context, renderCard('import-result', importResultView(t, locale, outcome)));
    },
  );
}
