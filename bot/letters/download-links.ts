import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v4';

// A letter holds personal data, so it is never stored or attached: the card offers a short-lived signed link,
// and the bot renders the document when the worker opens it. The link names a contact id, never a person.

const ZLinkPayloadSchema = z.object({ c: z.uuid(), w: z.string().min(1).max(200), e: z.number().int() });
export type TLetterLink = { contactId: string; workerId: string; expiresAt: number };

export const LETTER_LINK_TTL_MS = 15 * 60 * 1000;

function sign(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function createLetterToken(link: TLetterLink, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ c: link.contactId, w: link.workerId, e: link.expiresAt })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The link's contents if the signature is right and it has not expired; undefined otherwise. */
export function readLetterToken(token: string, secret: Buffer, now: Date): TLetterLink | undefined {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = ZLinkPayloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.e < now.getTime()) return undefined;
  return { contactId: parsed.data.c, workerId: parsed.data.w, expiresAt: parsed.data.e };
}
