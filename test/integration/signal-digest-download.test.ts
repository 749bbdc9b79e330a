// The export download over real HTTP: an express app on a free port, a real database, signed links.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDownloadHandler } from '../../bot/signals/export-download.ts';
import { createExportToken, EXPORT_LINK_TTL_MS, exportLinks } from '../../bot/signals/export-links.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createSignalDigestRepository } from '../../data/repositories/signal-digest.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const TEAM = '19:team-export@thread.tacv2';
const FROM = new Date('2026-11-10T00:00:00Z');
const TO = new Date('2026-11-20T00:00:00Z');
const secret = Buffer.alloc(32, 3);

describe.each(DATABASE_KINDS)('signal export download over HTTP (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let server: Server;
  let base: string;
  // The clock the handler sees; tests move it.
  let now = new Date('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const signal = (teamId: string, at: string, text: string) => ({
      id: randomUUID(),
      teamId,
      theme: 'mobility',
      barrierType: 'transport',
      policyDomain: 'mobility',
      lifeEvent: 'move',
      ageBand: '65_74',
      area: 'Voorbeeldwijk',
      text,
      caseCode: 'K-26-0099',
      source: 'registration',
      createdBy: 'aad-worker-9',
      createdAt: new Date(at),
    });
    await database.db.signal.createMany({
      data: [
        signal(TEAM, '2026-11-11T09:00:00Z', 'Geen bus op zondag.'),
        signal(TEAM, '2026-11-12T09:00:00Z', '=1+1 en @iemand'),
        signal(TEAM, '2026-11-25T09:00:00Z', 'Na de periode.'),
        signal('19:other-team@thread.tacv2', '2026-11-11T09:00:00Z', 'Ander team.'),
      ],
    });
    const app = express();
    app.get('/files/export/:token', exportDownloadHandler({ content: loadContent(), linkSecret: secret, clock: () => now, timeZone: 'Europe/Brussels', signalDigest: createSignalDigestRepository(database.db), audit: createAccessAuditRepository(database.db) }));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.dispose();
  });

  const links = () => exportLinks({ publicBaseUrl: base, secret, now, teamId: TEAM, from: FROM, to: TO, requesterId: 'aad-coordinator-1' });

  it('sends the CSV of the linked team and period as an attachment', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const response = await fetch(links().csv);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="signalen-2026-11-20.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await response.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(body, { bom: true, delimiter: ';' }) as string[][];
    expect(records.map((r) => r[13])).toEqual(['Signaal', 'Geen bus op zondag.', "'=1+1 en @iemand"]);
    expect(body.toString('utf8')).not.toMatch(/K-26-0099|aad-worker-9|aad-coordinator-1/);
  });

  it('sends the Excel workbook', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const response = await fetch(links().xlsx);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="signalen-2026-11-20.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Signalen')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(14).value).toBe('=1+1 en @iemand');
    expect(sheet.getRow(3).getCell(14).type).toBe(ExcelJS.ValueType.String);
  });

  it('answers 410 with a short Dutch text for an expired link', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const url = links().csv;
    now = new Date(now.getTime() + EXPORT_LINK_TTL_MS + 1000);
    const response = await fetch(url);
    expect(response.status).toBe(410);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.text()).toMatch(/^Deze link is verlopen/);
  });

  it('answers 404 for a tampered, foreign or malformed link', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const foreign = createExportToken({ teamId: TEAM, from: FROM, to: TO, format: 'csv', requesterId: 'x', expiresAt: now.getTime() + 60_000 }, Buffer.alloc(32, 4));
    const [payload, signature] = links().csv.split('/').at(-1)!.split('.');
    const otherTeam = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), t: '19:other-team@thread.tacv2' })).toString('base64url');
    for (const token of [foreign, `${otherTeam}.${signature}`, 'nonsense', `${payload}.`]) {
      const response = await fetch(`${base}/files/export/${token}`);
      expect(response.status, token).toBe(404);
      expect(await response.text()).toMatch(/^Deze link is ongeldig/);
    }
  });
});
