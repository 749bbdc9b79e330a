import type { Request, Response } from 'express';
import { contactEntry } from '../audit/audit-access.ts';
import type { TServices } from '../services.ts';
import { refuseLink, sendAttachment } from '../ui/download-response.ts';
import { readLetterToken } from './download-links.ts';
import { letterFileName, renderAnnouncementLetter } from './render-announcement-letter.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** GET /files/letter/:token – renders the announcement letter for a valid, unexpired link. Nothing is stored. */
export function letterDownloadHandler(services: Pick<TServices, 'content' | 'contacts' | 'workers' | 'clock' | 'linkSecret' | 'audit'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const link = readLetterToken(String(req.params.token ?? ''), services.linkSecret, services.clock());
    const contact = link ? await services.contacts.findForWorker(link.contactId, link.workerId) : undefined;
    if (!link || !contact) return refuseLink(res, 'invalid', 'Deze link is verlopen of ongeldig. Maak de brief opnieuw in Teams.');
    const worker = await services.workers.find(link.workerId);
    const document = await renderAnnouncementLetter({
      template: services.content.letter,
      contact: {
        firstName: contact.firstName,
        lastName: contact.lastName,
        street: contact.street ?? undefined,
        houseNumber: contact.houseNumber ?? undefined,
        postalCode: contact.postalCode ?? undefined,
        municipality: contact.municipality ?? undefined,
      },
      worker: { name: worker?.displayName ?? '' },
      visit: contact.visitDate ? { date: contact.visitDate, time: contact.visitTime ?? undefined } : undefined,
      today: services.clock(),
    });
    await services.contacts.addEvent(contact.id, 'letter_downloaded', link.workerId);
    await services.audit.append(contactEntry(link.workerId, 'letter.download', contact));
    sendAttachment(res, { type: DOCX, fileName: letterFileName(contact.caseCode), body: document });
  };
}
