/**
 * The `updatedAt` a guarded update writes when the row was read with `read`: strictly later, so two writers that
 * read the same row can never both pass a guard on `updatedAt: read` (even within one millisecond).
 */
export function nextUpdatedAt(read: Date): Date {
  return new Date(Math.max(Date.now(), read.getTime() + 1));
}
