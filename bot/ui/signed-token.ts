import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod/v4';

// Short-lived download links carry their contents in the URL, signed so they cannot be changed or forged. Nothing is
// stored: the file is made when the link is opened. `kind` is part of the signature, so a token signed for one
// purpose (a letter) never passes as another (an export) with the same secret.

function sign(kind: string, payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`${kind}.${payload}`).digest('base64url');
}

export function createSignedToken(kind: string, contents: object, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(contents)).toString('base64url');
  return `${payload}.${sign(kind, payload, secret)}`;
}

export type TSignedTokenCheck<T> = { ok: true; contents: T } | { ok: false; reason: 'invalid' | 'expired' };

/** The token's contents if its signature is right, they match `schema` and `e` (expiry, ms) has not passed. */
export function readSignedToken<T extends { e: number }>(kind: string, token: string, secret: Buffer, schema: z.ZodType<T>, now: Date): TSignedTokenCheck<T> {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(kind, payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.e < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, contents: parsed.data };
}
