// The small pieces of the privacy-lifecycle commands: the local day an erasure shows, and the case code after
// `gegevens verwijderen` / `inzageverzoek` (any case, as the worker types it) and in a report's file name.
import { describe, expect, it } from 'vitest';
import { ACCESS_COMMAND, caseCodeAfter, ERASE_COMMAND } from '../../bot/privacy-lifecycle/lifecycle-commands.ts';
import { formatDay } from '../../bot/privacy-lifecycle/lifecycle-messages.ts';
import { accessReportFileName } from '../../bot/privacy-lifecycle/render-access-report.ts';

describe('the day an erasure shows', () => {
  it('is the local day in Brussels, also just after midnight, winter and summer', () => {
    expect(formatDay(new Date('2026-11-22T23:30:00Z'), 'Europe/Brussels')).toBe('23/11/2026'); // 00:30 CET
    expect(formatDay(new Date('2026-07-14T22:30:00Z'), 'Europe/Brussels')).toBe('15/07/2026'); // 00:30 CEST
    expect(formatDay(new Date('2026-11-23T22:59:00Z'), 'Europe/Brussels')).toBe('23/11/2026'); // 23:59 CET
  });
});

describe('case codes in the privacy commands', () => {
  it('takes the code after the command in any case, upper-cased, and nothing else', () => {
    expect(caseCodeAfter(ERASE_COMMAND, 'gegevens verwijderen k-26-0001.')).toBe('K-26-0001');
    expect(caseCodeAfter(ACCESS_COMMAND, 'Access request K-26-123456')).toBe('K-26-123456');
    for (const text of ['inzageverzoek', 'inzageverzoek K-26', 'inzageverzoek K-26-001', 'inzageverzoek K-26-0001 en K-26-0002', 'inzageverzoek Jan']) {
      expect(caseCodeAfter(ACCESS_COMMAND, text), text).toBeUndefined();
    }
  });

  it('names a report only after a case code as Nabij writes it', () => {
    expect(accessReportFileName('K-26-0001', 'docx')).toBe('inzage-K-26-0001.docx');
    expect(() => accessReportFileName('k-26-0001', 'json')).toThrow();
    expect(() => accessReportFileName('../K-26-0001', 'json')).toThrow();
  });
});
