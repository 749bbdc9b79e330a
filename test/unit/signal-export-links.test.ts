import { describe, expect, it } from 'vitest';
import { createLetterToken } from '../../bot/letters/download-links.ts';
import { createExportToken, EXPORT_LINK_TTL_MS, exportLinks, readExportToken, type TExportLink } from '../../bot/signals/export-links.ts';

const secret = Buffer.alloc(32, 7);
const now = new Date('2026-11-23T10:00:00Z');
const link: TExportLink = {
  teamId: '19:abcdefghijklmnop@thread.tacv2',
  from: new Date('2026-11-02T09:00:00Z'),
  to: now,
  format: 'xlsx',
  requesterId: '00000000-0000-4000-8000-00000000aad1',
  expiresAt: now.getTime() + EXPORT_LINK_TTL_MS,
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('signed export links', () => {
  it('reads back what was signed', () => {
    expect(readExportToken(createExportToken(link, secret), secret, now)).toEqual({ ok: true, link });
  });

  it('works until 15 minutes after it was made, then says expired', () => {
    const token = createExportToken(link, secret);
    expect(readExportToken(token, secret, new Date(now.getTime() + EXPORT_LINK_TTL_MS)).ok).toBe(true);
    expect(readExportToken(token, secret, new Date(now.getTime() + EXPORT_LINK_TTL_MS + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a changed payload, a changed signature, another secret and garbage', () => {
    const token = createExportToken(link, secret);
    const [, signature] = token.split('.');
    // Another team, or a longer period, with the old signature.
    expect(readExportToken(`${b64({ ...payloadOf(token), t: '19:other@thread.tacv2' })}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readExportToken(`${b64({ ...payloadOf(token), f: 0 })}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    // Nor can the expiry be pushed back.
    expect(readExportToken(`${b64({ ...payloadOf(token), e: now.getTime() + 10 * EXPORT_LINK_TTL_MS })}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    const flipped = `${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`;
    expect(readExportToken(`${token.split('.')[0]}.${flipped}`, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readExportToken(token, Buffer.alloc(32, 8), now)).toEqual({ ok: false, reason: 'invalid' });
    for (const garbage of ['', '.', 'abc', 'abc.def', `${token}.extra`, '%%%.%%%']) {
      expect(readExportToken(garbage, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('rejects a correctly signed payload that is not an export link (a letter link, a bad format, an empty period)', () => {
    const letter = createLetterToken({ contactId: '00000000-0000-4000-8000-0000000000f1', workerId: 'w1', expiresAt: link.expiresAt }, secret);
    expect(readExportToken(letter, secret, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readExportToken(createExportToken({ ...link, format: 'pdf' as 'csv' }, secret), secret, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readExportToken(createExportToken({ ...link, from: link.to }, secret), secret, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('makes a CSV and an Excel link under /files/export/ on the public base URL', () => {
    const urls = exportLinks({ publicBaseUrl: 'https://nabij.example.org/', secret, now, teamId: link.teamId, from: link.from, to: link.to, requesterId: link.requesterId });
    for (const [format, url] of Object.entries(urls)) {
      const match = /^https:\/\/nabij\.example\.org\/files\/export\/([\w-]+\.[\w-]+)$/.exec(url);
      expect(match, url).not.toBeNull();
      expect(readExportToken(match![1]!, secret, now)).toEqual({ ok: true, link: { ...link, format } });
    }
    expect(urls.csv).not.toBe(urls.xlsx);
  });
});
