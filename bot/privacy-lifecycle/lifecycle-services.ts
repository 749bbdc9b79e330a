import type { TRetentionPolicy, TRetentionRepository } from '../../data/repositories/retention.ts';
import type { TServices } from '../services.ts';

/** What the privacy-lifecycle routes need beyond the shared services (the lead adds both fields to TServices). */
export interface TLifecycleExtras {
  retention: TRetentionRepository;
  /** From configuration (bot/config.ts `retention`): shown when a contact is closed. */
  retentionPolicy: TRetentionPolicy;
}

export type TLifecycleServices = TServices & TLifecycleExtras;
