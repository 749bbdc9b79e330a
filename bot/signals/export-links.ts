import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v4';

// Short-lived signed links to the signal export (same HMAC approach as bot/letters/download-links.ts). Nothing is
// stored: the file is made when the link is opened. The payload names a team, a period, a format and who asked.

export const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** Marks the payload as an export link, so a token signed for another purpose with the same secret never passes. */
const KIND = 'signals-export';

const ZExportPayloadSchema = z.object({
  k: z.literal(KIND),
  t: z.string().min(1).max(300),
  f: z.number().int(),
  u: z.number().int(),
  x: z.enum(EXPORT_FORMATS),
  r: z.string().min(1).max(200),
  e: z.number().int(),
});

export interface TExportLink {
  teamId: string;
  from: Date;
  to: Date;
  format: TExportFormat;
  requesterId: string;
  expiresAt: number;
}

export type TExportLinkCheck = { ok: true; link: TExportLink } | { ok: false; reason: 'invalid' | 'expired' };

function sign(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`${KIND}.${payload}`).digest('base64url');
}

export function createExportToken(link: TExportLink, secret: Buffer): string {
  const json = { k: KIND, t: link.teamId, f: link.from.getTime(), u: link.to.getTime(), x: link.format, r: link.requesterId, e: link.expiresAt };
  const payload = Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The link's contents if the signature is right and it has not expired. */
export function readExportToken(token: string, secret: Buffer, now: Date): TExportLinkCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = ZExportPayloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.f >= parsed.data.u) return { ok: false, reason: 'invalid' };
  const p = parsed.data;
  if (p.e < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, link: { teamId: p.t, from: new Date(p.f), to: new Date(p.u), format: p.x, requesterId: p.r, expiresAt: p.e } };
}

/** Both download links for a digest, valid for 15 minutes from `now`. */
export function exportLinks(opts: {
  publicBaseUrl: string;
  secret: Buffer;
  now: Date;
  teamId: string;
  from: Date;
  to: Date;
  requesterId: string;
}): Record<TExportFormat, string> {
  const base = opts.publicBaseUrl.replace(/\/+$/, '');
  const expiresAt = opts.now.getTime() + EXPORT_LINK_TTL_MS;
  const url = (format: TExportFormat) =>
    `${base}/files/export/${createExportToken({ teamId: opts.teamId, from: opts.from, to: opts.to, format, requesterId: opts.requesterId, expiresAt }, opts.secret)}`;
  return { csv: url('csv'), xlsx: url('xlsx') };
}
