import { readFileSync } from 'node:fs';

// Another process on this machine, read from /proc/<pid> (Linux); undefined elsewhere.

export interface TProcessMemory {
  /** Resident set size now, in MiB. */
  rssMiB: number;
  /** The highest resident set size so far (VmHWM), in MiB. */
  peakRssMiB: number;
}

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

/** CPU time used so far (user + system, all threads), in ms. Linux counts it in ticks of 10 ms (USER_HZ = 100). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
