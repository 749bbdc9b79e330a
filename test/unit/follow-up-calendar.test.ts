import { describe, expect, it } from 'vitest';
import { isoWeekKey, localDay, localMoment, startOfLocalDay, weekdayOf, weeklySummaryDue, weekStartOf, weekStartOfKey } from '../../bot/follow-ups/calendar.ts';
import { addDays, daysBetween, timingOf } from '../../data/repositories/follow-ups.ts';

const MONDAY_8 = { weekday: 1, hour: 8 };

describe('the local day in Brussels', () => {
  it('is the Belgian calendar day, not the UTC one', () => {
    // 23:30 UTC is already the next day in Brussels, in winter (UTC+1) and in summer (UTC+2).
    expect(localDay(new Date('2027-01-14T23:30:00Z'))).toBe('2027-01-15');
    expect(localDay(new Date('2027-07-14T22:30:00Z'))).toBe('2027-07-15');
    expect(localDay(new Date('2027-07-14T21:59:59Z'))).toBe('2027-07-14');
  });

  it('follows the daylight-saving changes (last Sunday of March and of October)', () => {
    // 2027-03-28: clocks go from 02:00 to 03:00.
    expect(localMoment(new Date('2027-03-28T00:59:00Z'))).toEqual({ day: '2027-03-28', weekday: 7, hour: 1 });
    expect(localMoment(new Date('2027-03-28T01:00:00Z'))).toEqual({ day: '2027-03-28', weekday: 7, hour: 3 });
    expect(localDay(new Date('2027-03-28T21:59:00Z'))).toBe('2027-03-28');
    expect(localDay(new Date('2027-03-28T22:00:00Z'))).toBe('2027-03-29');
    // 2027-10-31: clocks go back from 03:00 to 02:00.
    expect(localDay(new Date('2027-10-30T21:59:00Z'))).toBe('2027-10-30');
    expect(localDay(new Date('2027-10-30T22:00:00Z'))).toBe('2027-10-31');
    expect(localDay(new Date('2027-10-31T22:59:00Z'))).toBe('2027-10-31');
    expect(localDay(new Date('2027-10-31T23:00:00Z'))).toBe('2027-11-01');
  });

  it('starts at local midnight, also on the days the clocks change', () => {
    expect(startOfLocalDay('2027-01-15').toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(startOfLocalDay('2027-07-15').toISOString()).toBe('2027-07-14T22:00:00.000Z');
    expect(startOfLocalDay('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfLocalDay('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfLocalDay('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(startOfLocalDay('2027-11-01').toISOString()).toBe('2027-10-31T23:00:00.000Z');
  });
});

describe('calendar days', () => {
  it('adds and counts days across months, years and a leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // Across a daylight-saving change a day is still one day.
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(daysBetween('2027-01-01', '2027-03-01')).toBe(59);
    expect(daysBetween('2027-03-01', '2027-01-01')).toBe(-59);
  });

  it('tells overdue, today and later apart', () => {
    expect(timingOf('2027-02-09', '2027-02-10')).toBe('overdue');
    expect(timingOf('2027-02-10', '2027-02-10')).toBe('today');
    expect(timingOf('2027-02-11', '2027-02-10')).toBe('later');
    expect(timingOf('2026-12-31', '2027-01-01')).toBe('overdue');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks the ISO way, also around New Year', () => {
    expect(weekdayOf('2027-02-08')).toBe(1);
    expect(weekdayOf('2027-02-14')).toBe(7);
    expect(isoWeekKey('2026-11-23')).toBe('2026-W48');
    // 2026 has 53 weeks (1 January 2026 is a Thursday); 1–3 January 2027 still belong to it.
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    // 29 December 2025 is in week 1 of 2026.
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
    expect(weekStartOf('2027-01-03')).toBe('2026-12-28');
  });

  it('finds the Monday of a week key and refuses keys that do not exist', () => {
    expect(weekStartOfKey('2026-W53')).toBe('2026-12-28');
    expect(weekStartOfKey('2027-W01')).toBe('2027-01-04');
    expect(weekStartOfKey('2026-W01')).toBe('2025-12-29');
    expect(weekStartOfKey('2027-W53')).toBeUndefined();
    expect(weekStartOfKey('2027-W1')).toBeUndefined();
    for (const day of ['2026-11-23', '2027-06-16', '2027-12-31', '2028-01-02']) expect(weekStartOfKey(isoWeekKey(day))).toBe(weekStartOf(day));
  });

  it('week keys sort in time order as text (the weekly claim relies on it)', () => {
    const keys = ['2026-W09', '2026-W10', '2026-W53', '2027-W01'];
    expect([...keys].reverse().sort()).toEqual(keys);
  });
});

describe('the weekly summary trigger', () => {
  it('is due from Monday 08:00 local time, in winter', () => {
    // Monday 2027-02-08, UTC+1.
    expect(weeklySummaryDue(new Date('2027-02-08T06:59:59Z'), MONDAY_8)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-02-08T07:00:00Z'), MONDAY_8)).toBe('2027-W06');
  });

  it('is due from Monday 08:00 local time, in summer', () => {
    // Monday 2027-07-12, UTC+2.
    expect(weeklySummaryDue(new Date('2027-07-12T05:59:59Z'), MONDAY_8)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-07-12T06:00:00Z'), MONDAY_8)).toBe('2027-W28');
  });

  it('on the Monday after the clocks changed, uses the new offset', () => {
    // Monday 2027-03-29 is the first day of summer time; Monday 2027-11-01 the first day of winter time.
    expect(weeklySummaryDue(new Date('2027-03-29T05:59:00Z'), MONDAY_8)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-03-29T06:00:00Z'), MONDAY_8)).toBe('2027-W13');
    expect(weeklySummaryDue(new Date('2027-11-01T06:30:00Z'), MONDAY_8)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-11-01T07:00:00Z'), MONDAY_8)).toBe('2027-W44');
  });

  it('stays due for the rest of the week (a bot that was down on Monday catches up) and not before Monday', () => {
    expect(weeklySummaryDue(new Date('2027-02-10T12:00:00Z'), MONDAY_8)).toBe('2027-W06');
    // Sunday 23:30 local is still week 6; Monday 00:30 local is week 7 but before 08:00.
    expect(weeklySummaryDue(new Date('2027-02-14T22:30:00Z'), MONDAY_8)).toBe('2027-W06');
    expect(weeklySummaryDue(new Date('2027-02-14T23:30:00Z'), MONDAY_8)).toBeUndefined();
  });

  it('honours another weekday and hour', () => {
    const fridayNoon = { weekday: 5, hour: 12 };
    expect(weeklySummaryDue(new Date('2027-02-11T12:00:00Z'), fridayNoon)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-02-12T10:59:00Z'), fridayNoon)).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-02-12T11:00:00Z'), fridayNoon)).toBe('2027-W06');
  });
});
