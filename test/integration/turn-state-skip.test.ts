import { TestAdapter, TurnContext, type Activity, type StoreItems } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NabijTurnState, StateNotLoadedError } from '../../bot/turn/nabij-turn-state.ts';
import { DatabaseStorage } from '../../data/repositories/bot-storage.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const base: Partial<Activity> = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/',
  from: { id: '29:worker', name: 'Medewerker', aadObjectId: '00000000-0000-4000-9000-0000000000a1' },
  recipient: { id: '28:nabij', name: 'Nabij' },
  conversation: { id: 'a:turn-state', conversationType: 'personal', isGroup: false, name: '' },
};
const cardAction = (verb: string): Partial<Activity> => ({ ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: {} } } });
const message: Partial<Activity> = { ...base, type: 'message', text: 'nota' };

describe.each(DATABASE_KINDS)('turn state of card actions on %s', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let storage: DatabaseStorage;
  const reads: string[][] = [];
  const writes: StoreItems[] = [];
  const contextFor = (activity: Partial<Activity>) => new TurnContext(new TestAdapter(), activity);

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const real = new DatabaseStorage(database.db);
    storage = Object.assign(Object.create(real) as DatabaseStorage, {
      read: (keys: string[]) => (reads.push(keys), real.read(keys)),
      write: (changes: StoreItems) => (writes.push(changes), real.write(changes)),
    });
    // What an earlier notes.start left: notes being collected in this conversation.
    const state = new NabijTurnState();
    await state.load(contextFor(cardAction('notes.start')), storage);
    state.conversation.notesFor = '00000000-0000-4000-8000-0000000000c1';
    await state.save(contextFor(cardAction('notes.start')), storage);
  });
  afterAll(async () => database?.dispose());

  it('a registration card action neither reads nor writes the state, and the stored state is untouched', async () => {
    reads.length = writes.length = 0;
    const context = contextFor(cardAction('reg.save'));
    const state = new NabijTurnState();
    await state.load(context, storage);
    expect(state.conversation.notesFor).toBeUndefined();
    await state.save(context, storage);
    expect(reads).toEqual([]);
    expect(writes).toEqual([]);

    const after = new NabijTurnState();
    await after.load(contextFor(message), storage);
    expect(after.conversation.notesFor).toBe('00000000-0000-4000-8000-0000000000c1');
  });

  it('notes card actions and messages read the stored state', async () => {
    for (const activity of [cardAction('notes.stop'), message]) {
      reads.length = 0;
      const state = new NabijTurnState();
      await state.load(contextFor(activity), storage);
      expect(reads).toHaveLength(1);
      expect(state.conversation.notesFor).toBe('00000000-0000-4000-8000-0000000000c1');
    }
  });

  it('a card action that changes state it did not load fails instead of overwriting the stored state', async () => {
    writes.length = 0;
    const context = contextFor(cardAction('reg.save'));
    const state = new NabijTurnState();
    await state.load(context, storage);
    state.user.welcomedAt = '2026-11-23T10:00:00.000Z';
    await expect(state.save(context, storage)).rejects.toBeInstanceOf(StateNotLoadedError);
    expect(writes).toEqual([]);

    const after = new NabijTurnState();
    await after.load(contextFor(message), storage);
    expect(after.conversation.notesFor).toBe('00000000-0000-4000-8000-0000000000c1');
  });
});
