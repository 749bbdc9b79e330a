import type { Request, Response } from 'express';
import { refuseLink, sendAttachment } from '../ui/download-response.ts';
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
    const refuse = (reason: 'invalid' | 'expired') => refuseLink(res, reason, translator('nl')(`lifecycle.access.${reason}`));
    const check = readAccessExportToken(String(req.params.token ?? ''), services.linkSecret, now);
    if (!check.ok) return refuse(check.reason);
    const { link } = check;
    const subject = await services.retention.findSubject(link.contactId);
    if (!subject) return refuse('invalid');
    const scope = await privacyScopeOf(services, link.requesterId);
    if ((await mayHandleContact(services, scope, link.requesterId, subject)) !== 'allowed') return refuse('invalid');
    const exported = await services.retention.exportContact({ contactId: subject.id });
    if (!exported) return refuse('invalid');

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
    sendAttachment(res, { type: CONTENT_TYPES[link.format], fileName: accessReportFileName(subject.caseCode, link.format), body });
  };
}
