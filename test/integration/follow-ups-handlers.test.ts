// The personal-chat routes for follow-ups, called the way teams-ai calls them, on a real database.
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFollowUpRoutes, type TFollowUpServices } from '../../bot/follow-ups/follow-up-handlers.ts';
import { createLogger } from '../../bot/logger.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { actionsOf, inputValue } from '../support/card-query.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { captureRoutes, sentCard, turn } from '../support/route-harness.ts';

describe.each(DATABASE_KINDS)('follow-ups in the personal chat (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  const routes = captureRoutes();
  let followUpId: string;
  let contactId: string;
  const now = new Date('2027-02-10T09:00:00Z');

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const contacts = createContactRepository(database.db);
    const followUps = createFollowUpRepository(database.db);
    const contact = await contacts.create(
      { lifeEvent: 'partner_death', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'owner', now },
    );
    contactId = contact.id;
    followUpId = (await followUps.assign({ contactId, assigneeId: 'w2', assignedBy: 'c1', dueDate: '2027-02-08', mode: 'phone', reason: 'after_death' }, now)).id;
    const services = { content: loadContent(), contacts, followUps, audit: createAccessAuditRepository(database.db), logger: createLogger({ level: 'silent' }), clock: () => now } as unknown as TFollowUpServices;
    registerFollowUpRoutes(routes.app, services);
  });
  afterAll(async () => database?.dispose());

  const action = (verb: string, context: TurnContext, data: unknown) => routes.actions.get(verb)!(context, {}, data) as Promise<Record<string, unknown>>;

  it('answers "mijn opvolgingen" with the list, overdue marked', async () => {
    const route = routes.messages.find((m) => m.pattern.test('Mijn opvolgingen'));
    expect(['my follow-ups', 'opvolgingen'].every((text) => route?.pattern.test(text))).toBe(true);
    const { context, sent } = turn('w2', { text: 'mijn opvolgingen' });
    await route!.handler(context, {});
    const card = JSON.stringify(sentCard(sent));
    expect(card).toContain('Testvoornaam Testachternaam');
    expect(card).toContain('2 dagen te laat');
    expect(actionsOf(sentCard(sent)).map((a) => a.verb)).toEqual(['contact.open', 'followUp.completeForm']);
  });

  it('shows the team explanation instead of the list in a channel', async () => {
    const { context } = turn('w2', { channelOfTeam: 'T-channel' });
    const card = await action('followUp.list', context, {});
    expect(JSON.stringify(card)).not.toContain('Testvoornaam');
  });

  it('does not open the completion of someone else\'s follow-up', async () => {
    const card = await action('followUp.completeForm', turn('w3').context, { followUpId });
    expect(JSON.stringify(card)).toContain('Die opvolging vind ik niet');
    expect(inputValue(card, 'outcome')).toBeUndefined();
  });

  it('on a bad submit shows the same card with the problem marked and the note kept; then completes once', async () => {
    const form = await action('followUp.completeForm', turn('w2').context, { followUpId });
    expect(inputValue(form, 'outcome')).toBe('');

    const problem = await action('followUp.complete', turn('w2').context, { followUpId, outcome: 'made_up', outcomeNote: 'Gebeld, gaat beter.' });
    expect(JSON.stringify(problem)).toContain('Kies een uitkomst.');
    expect(inputValue(problem, 'outcomeNote')).toBe('Gebeld, gaat beter.');
    expect((await database.db.followUp.findUniqueOrThrow({ where: { id: followUpId } })).status).toBe('open');

    const done = await action('followUp.complete', turn('w2').context, { followUpId, outcome: 'reached_ok', outcomeNote: 'Gebeld, gaat beter.' });
    expect(JSON.stringify(done)).toContain('is afgerond');
    expect(JSON.stringify(done)).toContain('geen open opvolgingen');

    const again = await action('followUp.complete', turn('w2', { locale: 'en-GB' }).context, { followUpId, outcome: 'declined' });
    expect(JSON.stringify(again)).toContain('was already done');
    const stored = await database.db.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect([stored.status, stored.outcome]).toEqual(['done', 'reached_ok']);
    expect(await database.db.contactEvent.count({ where: { contactId, type: 'follow_up_done' } })).toBe(1);
  });
});
