import { z } from 'zod/v4';
import { createSignedToken, readSignedToken } from '../ui/signed-token.ts';

// Short-lived signed links to the access-request export (bot/ui/signed-token.ts).
// Nothing is stored: the file is made when the link is opened. The payload names a contact id, who asked and the
// format, never a person.

export const ACCESS_EXPORT_TTL_MS = 15 * 60 * 1000;
export const ACCESS_EXPORT_FORMATS = ['docx', 'json'] as const;
export type TAccessExportFormat = (typeof ACCESS_EXPORT_FORMATS)[number];

/** Signed into the token (bot/ui/signed-token.ts), so a token made for another purpose never passes as this one. */
const KIND = 'access-export';

const ZAccessLinkSchema = z.object({
  c: z.uuid(),
  r: z.string().min(1).max(200),
  x: z.enum(ACCESS_EXPORT_FORMATS),
  e: z.number().int(),
});

export interface TAccessExportLink {
  contactId: string;
  requesterId: string;
  format: TAccessExportFormat;
  expiresAt: number;
}

export type TAccessLinkCheck = { ok: true; link: TAccessExportLink } | { ok: false; reason: 'invalid' | 'expired' };

export function createAccessExportToken(link: TAccessExportLink, secret: Buffer): string {
  return createSignedToken(KIND, { c: link.contactId, r: link.requesterId, x: link.format, e: link.expiresAt }, secret);
}

export function readAccessExportToken(token: string, secret: Buffer, now: Date): TAccessLinkCheck {
  const check = readSignedToken(KIND, token, secret, ZAccessLinkSchema, now);
  if (!check.ok) return check;
  const p = check.contents;
  return { ok: true, link: { contactId: p.c, requesterId: p.r, format: p.x, expiresAt: p.e } };
}

/** Both download links for one access request, valid for 15 minutes from `now`. */
export function accessExportLinks(opts: { publicBaseUrl: string; secret: Buffer; now: Date; contactId: string; requesterId: string }): Record<TAccessExportFormat, string> {
  const base = opts.publicBaseUrl.replace(/\/+$/, '');
  const expiresAt = opts.now.getTime() + ACCESS_EXPORT_TTL_MS;
  const url = (format: TAccessExportFormat) => `${base}/files/access/${createAccessExportToken({ contactId: opts.contactId, requesterId: opts.requesterId, format, expiresAt }, opts.secret)}`;
  return { docx: url('docx'), json: url('json') };
}
