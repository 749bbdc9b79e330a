import type { Response } from 'express';

// The answers of the short-lived download links (letter, signal export, access export): opened in a browser outside
// Teams, never cached, never sniffed into another type.

/** A file made for this request, offered as a download. */
export function sendAttachment(res: Response, file: { type: string; fileName: string; body: Buffer | string }): void {
  res
    .status(200)
    .type(file.type)
    .set('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .set('Cache-Control', 'no-store')
    .set('X-Content-Type-Options', 'nosniff')
    .send(file.body);
}

/** A link that cannot be served: 410 when it expired, else 404, with one plain sentence (Dutch, like the bot's texts). */
export function refuseLink(res: Response, reason: 'invalid' | 'expired', text: string): void {
  res
    .status(reason === 'expired' ? 410 : 404)
    .type('text/plain; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .send(text);
}
