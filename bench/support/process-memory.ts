import { readFileSync } from 'node:fs';

export interface TProcessMemory {
  /** Resident set size now, in MiB. */
  rssMiB: number;
  /** The highest resident set size so far (VmHWM), in MiB. */
  peakRssMiB: number;
}

/** Memory of another process on this machine, from /proc/<pid>/status (Linux); undefined elsewhere. */
export function processMemory(pid: number | undefined): TProcessMemory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}
