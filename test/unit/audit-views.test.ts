// The access-log command and the words the log card uses: every action the bot writes has a label in both
// languages, times are Brussels time, and a case code, "mij" or a name is understood after 'audit'.
import { describe, expect, it } from 'vitest';
import { parseAuditCommand } from '../../bot/audit/audit-command.ts';
import { describeAuditRow, formatAuditTime } from '../../bot/audit/audit-views.ts';
import { translator } from '../../bot/ui/i18n.ts';
import type { TAuditAction, TAuditRecord } from '../../data/repositories/access-audit.ts';

// Every action of the union: adding one to TAuditAction without a label here fails to compile.
const DETAIL_FOR: Record<TAuditAction, TAuditRecord['detail']> = {
  'contact.read': { view: 'detail' },
  'contact.create': { source: 'own_work' },
  'contact.update': { what: 'preparation' },
  'contact.import': { count: 12 },
  'registration.update': { step: 'visit', version: 2 },
  'registration.submit': { version: 2 },
  'notes.update': { op: 'append' },
  'ai.summarise': { model: 'm' },
  'letter.download': null,
  'export.signals': { format: 'csv', rows: 3 },
  'export.access_request': null,
  'follow_up.assign': { followUpId: 'f' },
  'follow_up.complete': { outcome: 'reached_ok' },
  purge: null,
  erasure: null,
  'audit.query': { by: 'contact' },
  'team.bind': { channelId: '19:x@thread.tacv2' },
  'team.roles': { member: 'm1', role: 'coordinator' },
  'team.settings': { setting: 'shareContacts', value: true },
};

const row = (action: string, detail: TAuditRecord['detail'] = null): TAuditRecord => ({
  id: 1, at: new Date('2026-11-24T13:05:00Z'), actorId: 'a1', action, subject: 'contact', subjectId: 'c1', caseCode: 'K-26-0001', detail,
});

describe('audit command', () => {
  it('understands a case code, oneself, a name, and nothing after it', () => {
    expect(parseAuditCommand('audit')).toEqual({ kind: 'form' });
    expect(parseAuditCommand(' Toegangslog ')).toEqual({ kind: 'form' });
    expect(parseAuditCommand('audit k-26-0001')).toEqual({ kind: 'contact', caseCode: 'K-26-0001' });
    expect(parseAuditCommand('audit K-26-0001.')).toEqual({ kind: 'contact', caseCode: 'K-26-0001' });
    expect(parseAuditCommand('audit mij')).toEqual({ kind: 'self' });
    expect(parseAuditCommand('access log me')).toEqual({ kind: 'self' });
    expect(parseAuditCommand('audit  Sofie   De Smet')).toEqual({ kind: 'name', query: 'Sofie De Smet' });
    expect(parseAuditCommand('audit K-26')).toEqual({ kind: 'name', query: 'K-26' });
    expect(parseAuditCommand(`audit ${'x'.repeat(200)}`)).toEqual({ kind: 'name', query: 'x'.repeat(80) });
  });

  it('leaves other messages alone', () => {
    for (const text of ['auditie', 'mijn contacten', 'wat is een audit', '', undefined]) expect(parseAuditCommand(text)).toBeUndefined();
  });
});

describe('access-log labels', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`has a ${locale} label for every action, never the raw code`, () => {
      const t = translator(locale);
      for (const [action, detail] of Object.entries(DETAIL_FOR)) {
        const label = describeAuditRow(t, row(action, detail));
        expect(label, action).not.toBe(action);
        expect(label, action).not.toMatch(/audit\.|\{\{/);
      }
      for (const view of ['detail', 'preparation', 'guide', 'registration', 'follow_up_complete']) {
        expect(describeAuditRow(t, row('contact.read', { view })), view).not.toMatch(/audit\.views/);
      }
    });
  }

  it('says what was read, how many a list showed, whose contact it was, and what an unknown action is', () => {
    const t = translator('nl');
    expect(describeAuditRow(t, row('contact.read', { view: 'preparation', shared: true }))).toBe('Bekeken: voorbereiding (contact van een collega)');
    expect(describeAuditRow(t, row('contact.read', { view: 'list', shown: 12, others: 2 }))).toBe('Bekeken: lijst met contacten (12 contacten)');
    expect(describeAuditRow(t, row('contact.import', { count: 1 }))).toBe('Lijst ingelezen (1 contact)');
    expect(describeAuditRow(t, row('export.signals', { format: 'xlsx' }))).toBe('Signalen geëxporteerd (XLSX)');
    expect(describeAuditRow(t, row('notes.update', { op: 'discard' }))).toBe('AI-voorstel verworpen');
    expect(describeAuditRow(t, row('contact.update', { what: 'preparation' }))).toBe('Voorbereiding bewaard');
    expect(describeAuditRow(t, row('contact.update', { change: 'closed' }))).toBe('Contact afgesloten');
    expect(describeAuditRow(t, row('audit.query', { by: 'form', refused: true }))).toBe('Toegangslog opgevraagd (geweigerd)');
    expect(describeAuditRow(t, row('erasure', { refused: 'out_of_scope' }))).toBe('Wissen op verzoek (geweigerd)');
    expect(describeAuditRow(t, row('contact.read', { view: 'erasure_confirm', shared: true }))).toBe('Bekeken: bevestiging om te wissen (contact van een collega)');
    expect(describeAuditRow(t, row('something.new'))).toBe('something.new');
    expect(describeAuditRow(t, row('team.roles', { member: 'm1', role: 'coordinator' }), new Map([['m1', 'Collega Een']]))).toBe('Teamrol gewijzigd: Collega Een is nu Coördinator');
    expect(describeAuditRow(t, row('team.roles', { member: 'abcdef1234', role: 'worker' }))).toBe('Teamrol gewijzigd: onbekend (abcdef12…) is nu Medewerker');
    expect(describeAuditRow(t, row('team.settings', { setting: 'shareContacts', value: true }))).toBe('Teaminstelling gewijzigd: medewerkers zien elkaars contacten – aan');
    expect(describeAuditRow(t, row('team.settings', { setting: 'allowCaseCodes', value: false }))).toBe('Teaminstelling gewijzigd: casuscodes tonen bij signalen – uit');
  });

  it('shows Brussels time in winter and in summer', () => {
    expect(formatAuditTime(new Date('2026-01-15T12:00:00Z'), 'Europe/Brussels')).toBe('15/01/2026 13:00');
    expect(formatAuditTime(new Date('2026-07-01T22:30:00Z'), 'Europe/Brussels')).toBe('02/07/2026 00:30');
  });
});
