import type { Request, Response } from 'express';
import type { TAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import type { TSignalDigestRepository } from '../../data/repositories/signal-digest.ts';
import type { TServices } from '../services.ts';
import { refuseLink, sendAttachment } from '../ui/download-response.ts';
import { translator } from '../ui/i18n.ts';
import { readExportToken } from './export-links.ts';
import { EXPORT_CONTENT_TYPES, exportFileName, renderSignalExport } from './export-signals.ts';

export type TExportDownloadServices = Pick<TServices, 'content' | 'linkSecret' | 'clock' | 'timeZone'> & {
  signalDigest: Pick<TSignalDigestRepository, 'exportRows'>;
  audit: Pick<TAccessAuditRepository, 'append'>;
};

/** GET /files/export/:token – the signals of the linked period as CSV or Excel. Nothing is stored. */
export function exportDownloadHandler(services: TExportDownloadServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = services.clock();
    const check = readExportToken(String(req.params.token ?? ''), services.linkSecret, now);
    if (!check.ok) return refuseLink(res, check.reason, translator('nl')(`digest.download.${check.reason}`));
    const { link } = check;
    const rows = await services.signalDigest.exportRows({ teamId: link.teamId, from: link.from, to: link.to });
    const body = await renderSignalExport(link.format, { rows, from: link.from, to: link.to, content: services.content, timeZone: services.timeZone });
    // Who exported which team's signals for which period: the link says who asked for it.
    await services.audit.append({
      actorId: link.requesterId,
      action: 'export.signals',
      subject: 'team',
      subjectId: link.teamId,
      detail: { format: link.format, from: link.from.toISOString(), to: link.to.toISOString(), rows: rows.length },
    });
    sendAttachment(res, { type: EXPORT_CONTENT_TYPES[link.format], fileName: exportFileName(link.format, now, services.timeZone), body });
  };
}
