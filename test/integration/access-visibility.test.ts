// Who can see and who can change a contact (data/repositories/contact-access.ts), on both databases: each rule on
// its own, a stranger sees nothing, team members read but do not write, and the team setting that shares contacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContactRepository, type TContactRecord } from '../../data/repositories/contacts.ts';
import { createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { inputValue } from '../support/card-query.ts';
import { auditRows, buildServices, newContact, NOW, registerAll, setUpTeam, textOf, turn } from './access-harness.ts';

describe.each(DATABASE_KINDS)('who sees which contact (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let contacts: ReturnType<typeof createContactRepository>;
  let teams: ReturnType<typeof createTeamRepository>;
  let contact: TContactRecord;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    contacts = createContactRepository(database.db);
    teams = createTeamRepository(database.db);
    // T1: the owner's team, contacts not shared. T2: also the owner's, shared. T3 and T4: teams without the owner.
    await setUpTeam(database.db, 'T1', { 'w-owner': 'worker', 'c-coord': 'coordinator', 'w-mate': 'worker' });
    await setUpTeam(database.db, 'T2', { 'w-owner': 'worker', 'w-share': 'worker', 'c-t2': 'coordinator' }, { shareContacts: true });
    await setUpTeam(database.db, 'T3', { 'c-other': 'coordinator', 'w-x': 'worker' });
    await setUpTeam(database.db, 'T4', { 'w-share2': 'worker', 'c-t4': 'coordinator' }, { shareContacts: true });
    contact = await newContact(database.db, 'w-owner');
    await createFollowUpRepository(database.db).assign({ contactId: contact.id, assigneeId: 'w-helper', assignedBy: 'c-coord', dueDate: '2027-03-01', mode: 'phone', reason: 'agreed' }, NOW);
  });
  afterAll(async () => database?.dispose());

  const accessOf = async (workerId: string) => (await contacts.findForWorker(contact.id, workerId))?.access ?? 'none';

  it('shows the contact to its worker, the follow-up assignee, a coordinator of the worker\'s team and members of a sharing team – and to no one else', async () => {
    expect(await accessOf('w-owner')).toBe('edit'); // (a)
    expect(await accessOf('w-helper')).toBe('edit'); // (b)
    expect(await accessOf('c-coord')).toBe('read'); // (c)
    expect(await accessOf('c-t2')).toBe('read'); // (c) also in a sharing team
    expect(await accessOf('w-share')).toBe('read'); // (d)
    expect(await accessOf('w-mate')).toBe('none'); // same team, contacts not shared
    expect(await accessOf('c-other')).toBe('none'); // coordinator of a team the worker is not in
    expect(await accessOf('w-share2')).toBe('none'); // sharing team the worker is not in
    expect(await accessOf('w-stranger')).toBe('none');
    expect(await contacts.listForWorker('w-stranger')).toEqual([]);
    expect(await contacts.countForWorker('w-stranger')).toEqual({ own: 0, shared: 0 });
  });

  it('follows the team: sharing switched on and off, a coordinator who becomes a worker, someone who leaves', async () => {
    await teams.saveSettings('T1', { roles: {}, shareContacts: true });
    expect(await accessOf('w-mate')).toBe('read');
    await teams.saveSettings('T1', { roles: {}, shareContacts: false });
    expect(await accessOf('w-mate')).toBe('none');

    expect(await teams.saveSettings('T1', { roles: { 'c-coord': 'worker', 'w-mate': 'coordinator' } })).toBeDefined();
    expect([await accessOf('c-coord'), await accessOf('w-mate')]).toEqual(['none', 'read']);
    expect(await teams.saveSettings('T1', { roles: { 'c-coord': 'coordinator', 'w-mate': 'worker' } })).toBeDefined();

    // The owner leaves the sharing team: its members no longer see the owner's contacts.
    await teams.syncRoster('T2', [{ aadObjectId: 'w-share', teamsUserId: '29:w-share', displayName: 'Collega w-share' }, { aadObjectId: 'c-t2', teamsUserId: '29:c-t2', displayName: 'Collega c-t2' }], []);
    expect([await accessOf('w-share'), await accessOf('c-t2')]).toEqual(['none', 'none']);
    await setUpTeam(database.db, 'T2', { 'w-owner': 'worker', 'w-share': 'worker', 'c-t2': 'coordinator' }, { shareContacts: true });
    expect(await accessOf('w-share')).toBe('read');
  });

  it('lists the worker\'s own contacts first and colleagues\' contacts after them, never closed ones', async () => {
    const own = await newContact(database.db, 'c-coord', { lifeEvent: 'move' });
    const closed = await newContact(database.db, 'w-owner');
    await database.db.contact.update({ where: { id: closed.id }, data: { status: 'closed' } });
    const list = await contacts.listForWorker('c-coord');
    expect(list[0]!.id).toBe(own.id);
    expect(list.map((c) => c.id)).toContain(contact.id);
    expect(list.map((c) => c.id)).not.toContain(closed.id);
    expect(await contacts.countForWorker('c-coord')).toEqual({ own: 1, shared: 1 });
    // The coordinator's own contact is visible to the team's workers only where contacts are shared.
    expect((await contacts.listForWorker('w-owner')).map((c) => c.id)).not.toContain(own.id);
    expect((await contacts.listForWorker('w-helper')).map((c) => c.id)).toEqual([contact.id]);
  });

  it('lets only the worker and the follow-up assignee save the preparation', async () => {
    const preparation = { checklist: { letter_sent: true }, visitDate: '2027-03-02', visitTime: '10:00', visitPlace: 'home' };
    await expect(contacts.savePreparation(contact.id, 'c-coord', preparation)).rejects.toThrow();
    await expect(contacts.savePreparation(contact.id, 'w-share', preparation)).rejects.toThrow();
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).visitDate).toBeNull();
    expect((await contacts.savePreparation(contact.id, 'w-helper', preparation)).contact.visitDate).toBe('2027-03-02');
  });

  describe('through the handlers', () => {
    let routes: ReturnType<typeof registerAll>;
    beforeAll(() => {
      routes = registerAll(buildServices(database.db));
    });

    it('shows a coordinator the team\'s contacts in their own group, with the colleague\'s name', async () => {
      const card = textOf(await routes.message('mijn contacten', 'c-coord'));
      expect(card).toContain('Contacten van het team');
      expect(card).toContain('bij Collega w-owner');
      expect(card).toContain(`Testvoornaam Testachternaam · ${contact.caseCode}`);
      const stranger = textOf(await routes.message('mijn contacten', 'w-stranger'));
      expect(stranger).not.toContain('Testvoornaam');
      expect(stranger).not.toContain('Contacten van het team');
    });

    it('opens the contact for a reader, and tells a stranger it is not there', async () => {
      expect(textOf(await routes.action('contact.open', turn('c-coord').context, { contactId: contact.id }))).toContain('Testachternaam');
      const refused = textOf(await routes.action('contact.open', turn('w-stranger').context, { contactId: contact.id }));
      expect(refused).toContain('Dit contact vind ik niet (meer) bij jouw contacten.');
      expect(refused).not.toContain('Testachternaam');
    });

    it('answers a reader who saves with a clear Dutch message and saves nothing', async () => {
      const before = await database.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
      const prep = await routes.action('prep.save', turn('c-coord').context, { contactId: contact.id, visitDate: '2027-04-01', visitTime: '09:00', visitPlace: 'home' });
      expect(textOf(prep)).toContain('Je kan dit contact inkijken via je team, maar alleen Collega w-owner, aan wie het toegewezen is, kan het aanpassen.');
      const english = await routes.action('letter.create', turn('c-coord', { locale: 'en-GB' }).context, { contactId: contact.id, visitDate: '2027-04-01' });
      expect(textOf(english)).toContain('only Collega w-owner, to whom it is assigned, can change it');
      const step = await routes.action('reg.save', turn('w-share').context, { contactId: contact.id, stepId: 'visit', visitDate: '2027-02-01', visitors: 'X', place: 'home' });
      expect(textOf(step)).toContain('Alleen inkijken');
      const submit = await routes.action('reg.submit', turn('w-share').context, { contactId: contact.id });
      expect(textOf(submit)).toContain('Alleen inkijken');
      const after = await database.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
      expect(after.visitDate).toBe(before.visitDate);
      expect(await database.db.registration.count({ where: { contactId: contact.id } })).toBe(0);
    });

    it('assigns a follow-up only on a contact the coordinator may see (an assignment grants access)', async () => {
      const data = { caseCode: contact.caseCode, assigneeId: 'w-x', dueDate: '2027-03-10', mode: 'phone', reason: 'agreed' };
      const refused = await routes.action('followUp.assign', turn('c-other', { channelOfTeam: 'T3' }).context, data);
      // The same answer as for a code that does not exist: nothing tells the coordinator the contact is there.
      expect(textOf(refused)).toContain('Geen contact gevonden met deze casuscode.');
      expect(await database.db.followUp.count({ where: { contactId: contact.id, assigneeId: 'w-x' } })).toBe(0);
      expect(await accessOf('w-x')).toBe('none');
      const done = await routes.action('followUp.assign', turn('c-coord', { channelOfTeam: 'T1' }).context, { ...data, assigneeId: 'w-mate' });
      expect(textOf(done)).toContain('Collega w-mate');
      expect(await accessOf('w-mate')).toBe('edit');
    });

    it('lets a coordinator switch contact sharing on the team settings card, and not a worker', async () => {
      expect(await routes.action('team.saveSettings', turn('w-share2', { channelOfTeam: 'T4' }).context, { teamId: 'T4', shareContacts: 'false' }).then(textOf)).toContain('Alleen een coördinator');
      expect((await teams.find('T4'))?.shareContacts).toBe(true);
      const saved = await routes.action('team.saveSettings', turn('c-t4', { channelOfTeam: 'T4' }).context, { teamId: 'T4', shareContacts: 'false', allowCaseCodes: 'false' });
      expect(textOf(saved)).toContain('Opgeslagen.');
      expect(textOf(saved)).toContain('Medewerkers zien elkaars contacten');
      expect(inputValue(saved, 'shareContacts')).toBe('false');
      expect((await teams.find('T4'))?.shareContacts).toBe(false);
    });

    it('writes every role and sharing change to the access log with the change, nothing for an unchanged save or a refused one', async () => {
      await setUpTeam(database.db, 'T5', { 'c-t5': 'coordinator', 'w-t5': 'worker', 'w-t5b': 'worker' });
      const teamLog = () => auditRows(database.db, { subject: 'team', subjectId: 'T5' });
      const save = (by: string, values: Record<string, string>) => routes.action('team.saveSettings', turn(by, { channelOfTeam: 'T5' }).context, { teamId: 'T5', ...values });

      expect(textOf(await save('c-t5', { 'role:w-t5': 'coordinator', 'role:w-t5b': 'worker', shareContacts: 'true', allowCaseCodes: 'false' }))).toContain('Opgeslagen.');
      expect(await teamLog()).toEqual([
        { actorId: 'c-t5', action: 'team.roles', subject: 'team', subjectId: 'T5', caseCode: null, detail: { member: 'w-t5', role: 'coordinator' } },
        { actorId: 'c-t5', action: 'team.settings', subject: 'team', subjectId: 'T5', caseCode: null, detail: { setting: 'shareContacts', value: true } },
      ]);
      // The same values again: saved, nothing new in the log.
      await save('c-t5', { 'role:w-t5': 'coordinator', shareContacts: 'true', allowCaseCodes: 'false' });
      expect(await teamLog()).toHaveLength(2);
      // No coordinator would be left: nothing changes, nothing is logged, and the card keeps everything that was chosen.
      const refused = await save('c-t5', { 'role:w-t5': 'worker', 'role:c-t5': 'worker', shareContacts: 'false', allowCaseCodes: 'true' });
      expect(textOf(refused)).toContain('Er moet minstens één coördinator blijven');
      expect(['role:w-t5', 'role:c-t5', 'role:w-t5b', 'shareContacts', 'allowCaseCodes'].map((id) => inputValue(refused, id))).toEqual(['worker', 'worker', 'worker', 'false', 'true']);
      expect([(await teams.find('T5'))?.shareContacts, (await teams.find('T5'))?.allowCaseCodes, (await teams.member('T5', 'w-t5'))?.role]).toEqual([true, false, 'coordinator']);
      expect(await teamLog()).toHaveLength(2);
      // A worker's attempt changes nothing either.
      await save('w-t5b', { 'role:w-t5b': 'coordinator' });
      expect(await teamLog()).toHaveLength(2);

      const log = textOf(await routes.action('audit.show', turn('c-t5').context, { actorId: 'c-t5' }));
      expect(log).toContain('Teamrol gewijzigd: Collega w-t5 is nu Coördinator');
      expect(log).toContain('Teaminstelling gewijzigd: medewerkers zien elkaars contacten – aan');
    });
  });
});
