import type { Request, Response } from 'express';
import { translator } from '../ui/i18n.ts';
import { readAccessExportToken } from './access-export-links.ts';
import type { TServices } from '../services.ts';
import { mayHandleContact, privacyScopeOf } from './privacy-request-scope.ts';
import { accessReportFileName, renderAccessReport } from './render-access-report.ts';

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
} as const;

export type TAccessExportDownloadServices = Pick<TServices, 'retention' | 'teams' | 'dpos' | 'audit' | 'clock' | 'linkSecret' | 'content' | 'timeZone'>;

/**
 * GET /files/access/:token – everything held about one person, as the Dutch report (.docx) or all data (.json).
 * Made when the link is opened, never stored. The requester is checked again (a role may have changed in the 15
 * minutes), and the download is written to the access log before the file leaves.
 */
export function accessExportDownloadHandler(services: TAccessExportDownloadServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = services.clock();
    // The link page is opened in a browser, outside Teams: Dutch, like the rest of the bot's own texts.
    const t = translator('nl');
    const refuse = (status: number, key: 'invalid' | 'expired') =>
      res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(t(`lifecycle.access.${key}`));
    const check = readAccessExportToken(String(req.params.token ?? ''), services.linkSecret, now);
    if (!check.ok) return void refuse(check.reason === 'expired' ? 410 : 404, check.reason);
    const { link } = check;
    const subject = await services.retention.findSubject(link.contactId);
    if (!subject) return void refuse(404, 'invalid');
    const scope = await privacyScopeOf(services, link.requesterId);
    if ((await mayHandleContact(services, scope, link.requesterId, subject)) !== 'allowed') return void refuse(404, 'invalid');
    const exported = await services.retention.exportContact({ contactId: subject.id });
    if (!exported) return void refuse(404, 'invalid');

    await services.audit.append({
      actorId: link.requesterId,
      action: 'export.access_request',
      subject: 'contact',
      subjectId: subject.id,
      caseCode: subject.caseCode,
      detail: { step: 'download', format: link.format },
    });
    const body =
      link.format === 'json'
        ? Buffer.from(JSON.stringify({ exportedAt: now.toISOString(), ...exported }, null, 2))
        : await renderAccessReport({ exported, content: services.content, now, timeZone: services.timeZone, staffNames: await services.teams.staffNames(exported.audit.map((a) => a.actorId)) });
    res
      .status(200)
      .type(CONTENT_TYPES[link.format])
      .set('Content-Disposition', `attachment; filename="${accessReportFileName(subject.caseCode, link.format)}"`)
      .set('Cache-Control', 'no-store')
      .set('X-Content-Type-Options', 'nosniff')
      .send(body);
  };
}
