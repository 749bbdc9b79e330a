import { z } from 'zod/v4';
import { createSignedToken, readSignedToken } from '../ui/signed-token.ts';

// A letter holds personal data, so it is never stored or attached: the card offers a short-lived signed link,
// and the bot renders the document when the worker opens it. The link names a contact id, never a person.

const ZLinkPayloadSchema = z.object({ c: z.uuid(), w: z.string().min(1).max(200), e: z.number().int() });
export type TLetterLink = { contactId: string; workerId: string; expiresAt: number };

export const LETTER_LINK_TTL_MS = 15 * 60 * 1000;

const KIND = 'letter';

export function createLetterToken(link: TLetterLink, secret: Buffer): string {
  return createSignedToken(KIND, { c: link.contactId, w: link.workerId, e: link.expiresAt }, secret);
}

/** The link's contents if the signature is right and it has not expired; undefined otherwise. */
export function readLetterToken(token: string, secret: Buffer, now: Date): TLetterLink | undefined {
  const check = readSignedToken(KIND, token, secret, ZLinkPayloadSchema, now);
  return check.ok ? { contactId: check.contents.c, workerId: check.contents.w, expiresAt: check.contents.e } : undefined;
}
