import { describe, expect, it, vi } from 'vitest';
import { ZCompleteFollowUpSchema } from '../../bot/follow-ups/follow-up-input.ts';
import {
  followUpAssignedView,
  followUpCompleteView,
  followUpListView,
  followUpWeeklyView,
  formatDay,
  groupByTiming,
  MAX_LISTED,
} from '../../bot/follow-ups/follow-up-views.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { renderCard } from '../../bot/ui/render.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { actionsOf, inputValue } from '../support/card-query.ts';
import { fixtureFollowUp, FIXTURE_TODAY } from '../fixtures/follow-up-card-view-models.ts';

const content = loadContent();
const nl = translator('nl');
const en = translator('en');

describe('grouping follow-ups by urgency', () => {
  it('puts overdue first, then today, then later, keeping the order within each group', () => {
    const items = [
      fixtureFollowUp(1, '2027-03-01'),
      fixtureFollowUp(2, FIXTURE_TODAY),
      fixtureFollowUp(3, '2027-01-02'),
      fixtureFollowUp(4, '2027-02-09'),
      fixtureFollowUp(5, '2027-02-11'),
    ];
    const groups = groupByTiming(items);
    expect(groups.map((g) => [g.timing, g.items.map((i) => i.id.slice(-1))])).toEqual([
      ['overdue', ['3', '4']],
      ['today', ['2']],
      ['later', ['1', '5']],
    ]);
    expect(groupByTiming([])).toEqual([]);
  });
});

describe('dates on the cards', () => {
  it('shows day and month, and the year only when it is not this year', () => {
    expect(formatDay('2027-02-12', 'nl', FIXTURE_TODAY)).toBe('12 februari');
    expect(formatDay('2027-02-12', 'en', FIXTURE_TODAY)).toBe('12 February');
    expect(formatDay('2028-01-04', 'nl', FIXTURE_TODAY)).toBe('4 januari 2028');
    expect(formatDay('2026-12-30', 'en', FIXTURE_TODAY)).toBe('30 December 2026');
  });

  it('reuses its date formats instead of building one per date (a list card formats many)', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let day = 1; day <= 28; day++) {
        for (const lang of ['nl', 'en'] as const) {
          formatDay(`2027-02-${String(day).padStart(2, '0')}`, lang, FIXTURE_TODAY);
          formatDay(`2028-02-${String(day).padStart(2, '0')}`, lang, FIXTURE_TODAY);
        }
      }
      // At most one per language, with and without the year (fewer if earlier tests built them already).
      expect(built.mock.calls.length).toBeLessThanOrEqual(4);
      expect(formatDay('2028-02-03', 'en', FIXTURE_TODAY)).toBe('3 February 2028');
    } finally {
      built.mockRestore();
    }
  });
});

describe('the list of my follow-ups', () => {
  it('marks overdue ones clearly, in a red group, with how late they are', () => {
    const view = followUpListView(nl, 'nl', content, [fixtureFollowUp(1, '2027-02-07'), fixtureFollowUp(2, FIXTURE_TODAY), fixtureFollowUp(3, '2027-02-12')], { today: FIXTURE_TODAY });
    expect(view.groups.map((g) => [g.title, g.style])).toEqual([
      ['Te laat (1)', 'attention'],
      ['Vandaag (1)', 'default'],
      ['Later (1)', 'default'],
    ]);
    expect(view.groups[0]!.items[0]).toMatchObject({ heading: 'K-27-0001 · Testvoornaam Testpersoon1', status: '3 dagen te laat', statusColor: 'Attention' });
    expect(view.groups[0]!.items[0]!.detail).toBe('Bellen · vóór 7 februari · Een paar maanden na het overlijden');
    expect(view.groups[1]!.items[0]!.status).toBe('Vandaag te doen');
    expect(view.groups[2]!.items[0]!.status).toBe('');
    expect(view.summary).toBe('3 opvolgingen staan open.');
    expect(view.empty).toBe('');
  });

  it('has buttons to open the contact and to complete, with ids only', () => {
    const item = fixtureFollowUp(1, '2027-02-07');
    const card = renderCard('follow-up-list', followUpListView(en, 'en', content, [item], { today: FIXTURE_TODAY }));
    expect(actionsOf(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Open contact', 'contact.open', { contactId: item.contactId }],
      ['Complete', 'followUp.completeForm', { followUpId: item.id }],
    ]);
  });

  it('shows at most what fits on one card and says how many more there are', () => {
    const many = Array.from({ length: MAX_LISTED + 3 }, (_, i) => fixtureFollowUp(i + 1, '2027-03-01'));
    const view = followUpListView(nl, 'nl', content, many, { today: FIXTURE_TODAY });
    expect(view.groups.flatMap((g) => g.items)).toHaveLength(MAX_LISTED);
    expect(view.more).toBe('Er staan nog 3 opvolgingen open die hier niet passen.');
    expect(view.summary).toBe(`${MAX_LISTED + 3} opvolgingen staan open.`);
  });

  it('has an empty state', () => {
    const view = followUpListView(en, 'en', content, [], { today: FIXTURE_TODAY });
    expect(view.groups).toEqual([]);
    expect(view.empty).toMatch(/no open follow-ups/);
  });
});

describe('completing a follow-up', () => {
  const schema = ZCompleteFollowUpSchema(content.team.followUpOutcomes.map((o) => o.id), nl);
  const id = fixtureFollowUp(1, FIXTURE_TODAY).id;

  it('needs an outcome from the list and a note of at most 500 characters', () => {
    const result = schema.safeParse({ followUpId: id, outcome: 'made_up', outcomeNote: 'x'.repeat(501) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['outcome', 'Kies een uitkomst.'],
      ['outcomeNote', 'Houd de notitie onder 500 tekens.'],
    ]);
    expect(schema.safeParse({ followUpId: id }).error?.issues.map((i) => i.path[0])).toEqual(['outcome']);
  });

  it('trims the note and treats a blank one as none', () => {
    expect(schema.parse({ followUpId: id, outcome: 'reached_ok', outcomeNote: '  Gaat goed.  ' })).toEqual({ followUpId: id, outcome: 'reached_ok', outcomeNote: 'Gaat goed.' });
    expect(schema.parse({ followUpId: id, outcome: 'not_reached', outcomeNote: '   ' }).outcomeNote).toBeUndefined();
  });

  it('shows the same card again with the errors marked and what was typed kept', () => {
    const card = renderCard('follow-up-complete', followUpCompleteView(nl, 'nl', content, fixtureFollowUp(1, '2027-02-08'), {
      today: FIXTURE_TODAY,
      values: { outcome: 'declined', outcomeNote: 'Wil liever zelf bellen.' },
      errors: { outcomeNote: 'Houd de notitie onder 500 tekens.' },
    }));
    expect(inputValue(card, 'outcome')).toBe('declined');
    expect(inputValue(card, 'outcomeNote')).toBe('Wil liever zelf bellen.');
    const text = JSON.stringify(card);
    expect(text).toContain('Houd de notitie onder 500 tekens.');
    expect(text).toContain('8 februari (2 dagen te laat)');
    expect(actionsOf(card).map((a) => [a.verb, a.data])).toEqual([
      ['followUp.complete', { followUpId: fixtureFollowUp(1, '2027-02-08').id }],
      ['followUp.list', undefined],
    ]);
  });
});

describe('the message to the assignee', () => {
  it('says who asked, whom to follow up, how, by when and why', () => {
    const followUp = { ...fixtureFollowUp(7, '2027-02-12'), contact: { caseCode: 'K-26-0007', firstName: 'Sanne', lastName: 'Testpersoon', assignedWorkerId: 'w0' }, assignerName: 'Fien' };
    expect(followUpAssignedView(nl, 'nl', content, followUp, FIXTURE_TODAY).text).toBe(
      'Fien vroeg je om K-26-0007 (Sanne Testpersoon) op te volgen: bellen vóór 12 februari – Een paar maanden na het overlijden',
    );
    expect(followUpAssignedView(en, 'en', content, { ...followUp, mode: 'visit', assignerName: undefined }, FIXTURE_TODAY).text).toBe(
      'A colleague asked you to follow up K-26-0007 (Sanne Testpersoon): visit by 12 February – A few months after the death',
    );
  });
});

describe('the weekly summary for the team channel', () => {
  it('holds counts only', () => {
    const view = followUpWeeklyView(nl, 'nl', { open: 12, dueThisWeek: 5, overdue: 2, doneLastWeek: 7 }, '2027-W06');
    expect(view.title).toBe('Opvolgingen – week 6');
    expect(view.facts).toEqual([
      { title: 'Open', value: '12' },
      { title: 'Te laat', value: '2' },
      { title: 'Te doen deze week', value: '5' },
      { title: 'Afgerond vorige week', value: '7' },
    ]);
    const card = JSON.stringify(renderCard('follow-up-weekly', view));
    expect(card).not.toMatch(/K-\d\d-\d{4}/);
    expect(actionsOf(JSON.parse(card))).toEqual([]);
  });
});
