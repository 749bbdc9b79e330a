import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v4';

// Short-lived signed links to the access-request export (the same HMAC approach as bot/letters/download-links.ts).
// Nothing is stored: the file is made when the link is opened. The payload names a contact id, who asked and the
// format, never a person.

export const ACCESS_EXPORT_TTL_MS = 15 * 60 * 1000;
export const ACCESS_EXPORT_FORMATS = ['docx', 'json'] as const;
export type TAccessExportFormat = (typeof ACCESS_EXPORT_FORMATS)[number];

/** Marks the payload as an access-export link, so a token signed for another purpose with the same secret never passes. */
const KIND = 'access-export';

const ZAccessLinkSchema = z.object({
  k: z.literal(KIND),
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

function sign(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`${KIND}.${payload}`).digest('base64url');
}

export function createAccessExportToken(link: TAccessExportLink, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ k: KIND, c: link.contactId, r: link.requesterId, x: link.format, e: link.expiresAt })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function readAccessExportToken(token: string, secret: Buffer, now: Date): TAccessLinkCheck {
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
  const parsed = ZAccessLinkSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.e < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, link: { contactId: parsed.data.c, requesterId: parsed.data.r, format: parsed.data.x, expiresAt: parsed.data.e } };
}

/** Both download links for one access request, valid for 15 minutes from `now`. */
export function accessExportLinks(opts: { publicBaseUrl: string; secret: Buffer; now: Date; contactId: string; requesterId: string }): Record<TAccessExportFormat, string> {
  const base = opts.publicBaseUrl.replace(/\/+$/, '');
  const expiresAt = opts.now.getTime() + ACCESS_EXPORT_TTL_MS;
  const url = (format: TAccessExportFormat) => `${base}/files/access/${createAccessExportToken({ contactId: opts.contactId, requesterId: opts.requesterId, format, expiresAt }, opts.secret)}`;
  return { docx: url('docx'), json: url('json') };
}
