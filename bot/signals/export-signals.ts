import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TContent } from '../../data/content/load-content.ts';
import type { TSignalExportRow } from '../../data/repositories/signal-digest.ts';
import { localDay } from '../follow-ups/calendar.ts';
import { translator, type TLocale } from '../ui/i18n.ts';
import type { TExportFormat } from './export-links.ts';
import { formatDay, signalLabels } from './export-labels.ts';
import { choiceListOf } from './signal-input.ts';

// The signals of a period as CSV or Excel, for policy reports: labels people can read plus the ids (which stay
// stable when a label changes). Only what the repository exports: no staff ids, no case codes, no exact times.

export const EXPORT_CONTENT_TYPES: Record<TExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface TSignalExportInput {
  rows: TSignalExportRow[];
  from: Date;
  to: Date;
  content: TContent;
  /** The municipality's time zone: each signal's day (never its time) is the day there. */
  timeZone: string;
  /** Dutch unless asked otherwise: the reports are for Flemish local policy. */
  lang?: TLocale;
}

const COLUMNS = [
  'id',
  'date',
  'theme',
  'themeId',
  'barrierType',
  'barrierTypeId',
  'policyDomain',
  'policyDomainId',
  'lifeEvent',
  'lifeEventId',
  'ageBand',
  'ageBandId',
  'area',
  'text',
  'status',
  'statusId',
  'discussedNote',
] as const;
type TColumn = (typeof COLUMNS)[number];

function headers(lang: TLocale): string[] {
  const t = translator(lang);
  return COLUMNS.map((c) => t(`digest.export.columns.${c}`));
}

function labelledRows(input: TSignalExportInput): Record<TColumn, string>[] {
  const lang = input.lang ?? 'nl';
  const labels = signalLabels(translator(lang), lang, input.content);
  return input.rows.map((r) => ({
    id: r.id,
    date: localDay(r.createdAt, input.timeZone),
    theme: labels.theme(r.theme),
    themeId: r.theme,
    barrierType: labels.barrierType(r.barrierType),
    barrierTypeId: r.barrierType,
    policyDomain: labels.policyDomain(r.policyDomain),
    policyDomainId: r.policyDomain,
    lifeEvent: labels.lifeEvent(r.lifeEvent),
    lifeEventId: r.lifeEvent,
    ageBand: labels.ageBand(r.ageBand),
    ageBandId: r.ageBand,
    area: r.area,
    text: r.text,
    status: labels.status(r.status),
    statusId: r.status,
    discussedNote: r.discussedNote ?? '',
  }));
}

/**
 * CSV as Excel with Belgian settings opens it by double-click: UTF-8 with a byte order mark (else accents break) and
 * ";" between fields (Excel takes the list separator of the locale, which is ";" where the decimal mark is ",").
 * A field starting with = + - @ (or a tab or carriage return) gets a leading ' so Excel never runs it as a formula.
 */
export function signalsCsv(input: TSignalExportInput): Buffer {
  const rows = labelledRows(input);
  const text = stringify(
    rows.map((row) => COLUMNS.map((c) => row[c])),
    { bom: true, delimiter: ';', record_delimiter: 'windows', header: true, columns: headers(input.lang ?? 'nl'), escape_formulas: true },
  );
  return Buffer.from(text, 'utf8');
}

// Characters XML 1.0 does not allow: one of them in a cell makes Excel call the whole file damaged.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (text: string) => text.replace(XML_INVALID, '');

/**
 * An Excel workbook with two sheets: the signals (every value a string cell, so a text starting with "=" stays text,
 * and the date a real date) and the counts per life domain, policy domain and barrier for the period.
 */
export async function signalsXlsx(input: TSignalExportInput): Promise<Buffer> {
  const lang = input.lang ?? 'nl';
  const t = translator(lang);
  const labels = signalLabels(t, lang, input.content);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nabij';

  const signals = workbook.addWorksheet(t('digest.export.sheets.signals'), { views: [{ state: 'frozen', ySplit: 1 }] });
  signals.columns = COLUMNS.map((c, i) => ({ header: headers(lang)[i], key: c, width: c === 'text' || c === 'discussedNote' ? 60 : c === 'id' ? 38 : 18 }));
  signals.getRow(1).font = { bold: true };
  for (const row of labelledRows(input)) {
    const added = signals.addRow(Object.fromEntries(COLUMNS.map((c) => [c, clean(row[c])])));
    // A real date (midnight UTC is how Excel stores a plain day), shown as Flemish workers write it.
    const date = added.getCell('date');
    date.value = new Date(`${row.date}T00:00:00Z`);
    date.numFmt = 'dd/mm/yyyy';
    added.getCell('text').alignment = { wrapText: true, vertical: 'top' };
  }
  signals.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  const counts = workbook.addWorksheet(t('digest.export.sheets.counts'));
  counts.addRow([t('digest.export.counts.period', { from: formatDay(input.from, input.timeZone), to: formatDay(input.to, input.timeZone) })]);
  counts.addRow([]);
  const header = counts.addRow([t('digest.export.counts.list'), t('digest.export.counts.label'), t('digest.export.counts.id'), t('digest.export.counts.count')]);
  header.font = { bold: true };
  for (const key of ['theme', 'policyDomain', 'barrierType'] as const) {
    const tally = new Map<string, number>();
    for (const r of input.rows) tally.set(r[key], (tally.get(r[key]) ?? 0) + 1);
    // Every id of the list, zeros too (a report shows what was not signalled), then ids the content no longer has.
    const listed = choiceListOf(key, input.content).map((item) => item.id);
    const ids = [...listed, ...[...tally.keys()].filter((id) => !listed.includes(id))];
    for (const id of ids) counts.addRow([t(`digest.export.lists.${key}`), clean(labels[key](id)), id, tally.get(id) ?? 0]);
  }
  const total = counts.addRow([t('digest.export.lists.total'), '', '', input.rows.length]);
  total.font = { bold: true };
  counts.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: 4 } };
  counts.columns.forEach((column, i) => (column.width = [18, 36, 18, 10][i]));

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderSignalExport(format: TExportFormat, input: TSignalExportInput): Promise<Buffer> {
  return format === 'csv' ? signalsCsv(input) : signalsXlsx(input);
}

/** signalen-2026-11-23.csv: the day of the export in the municipality's time zone. */
export function exportFileName(format: TExportFormat, now: Date, timeZone: string): string {
  return `signalen-${localDay(now, timeZone)}.${format}`;
}
