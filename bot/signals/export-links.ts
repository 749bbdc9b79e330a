import { z } from 'zod/v4';
import { createSignedToken, readSignedToken } from '../ui/signed-token.ts';

// Short-lived signed links to the signal export (bot/ui/signed-token.ts). Nothing is
// stored: the file is made when the link is opened. The payload names a team, a period, a format and who asked.

export const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** Signed into the token (bot/ui/signed-token.ts), so a token made for another purpose never passes as this one. */
const KIND = 'signals-export';

const ZExportPayloadSchema = z.object({
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

export function createExportToken(link: TExportLink, secret: Buffer): string {
  return createSignedToken(KIND, { t: link.teamId, f: link.from.getTime(), u: link.to.getTime(), x: link.format, r: link.requesterId, e: link.expiresAt }, secret);
}

/** The link's contents if the signature is right and it has not expired. */
export function readExportToken(token: string, secret: Buffer, now: Date): TExportLinkCheck {
  const check = readSignedToken(KIND, token, secret, ZExportPayloadSchema.refine((p) => p.f < p.u), now);
  if (!check.ok) return check;
  const p = check.contents;
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
