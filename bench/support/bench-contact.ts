import type { TContactRecord } from '../../data/repositories/contacts.ts';

/** A fictitious contact for benchmarks that render its cards without a database. */
export const BENCH_CONTACT: TContactRecord = {
  id: '00000000-0000-4000-8000-0000000000b1', caseCode: 'K-26-0001', lifeEvent: 'move', eventDate: null, detectionSource: 'own_work',
  consentStatus: 'not_needed', assignedWorkerId: 'bench-worker', status: 'to_prepare', firstName: 'Testvoornaam', lastName: 'Bench',
  street: null, houseNumber: null, postalCode: null, municipality: null, phone: null, email: null, birthDate: null, relatives: null,
  checklist: null, visitDate: null, visitTime: null, visitPlace: null, visitPlaceNote: null, closedAt: null, anonymisedAt: null,
  createdAt: new Date('2026-11-01T10:00:00Z'), updatedAt: new Date('2026-11-01T10:00:00Z'),
};
