import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

// Who may see and who may change a contact: the one place these rules live (contacts.ts applies them).
//
// A contact is visible to
//   (a) its assigned worker,
//   (b) the assignee of an open follow-up on it,
//   (c) a coordinator of a team the assigned worker belongs to,
//   (d) a member of a team with shareContacts = true that the assigned worker also belongs to.
// Only (a) and (b) may change it: team visibility (c, d) is for reading.

/** 'edit' for the assigned worker and the assignee of an open follow-up; 'read' for team visibility only. */
export type TContactAccess = 'edit' | 'read';

type TReader = Pick<TDb, 'teamMember'>;

/** Rules (a) and (b), which also grant changing the contact. */
export function editableBy(workerId: string): Prisma.ContactWhereInput {
  return { OR: [{ assignedWorkerId: workerId }, { followUps: { some: { assigneeId: workerId, status: 'open' } } }] };
}

/** The open follow-ups of this worker on a contact, to include with it so `accessOf` can tell edit from read. */
export function openFollowUpsOf(workerId: string) {
  return { where: { assigneeId: workerId, status: 'open' }, select: { id: true }, take: 1 } as const;
}

/** The colleagues whose contacts this worker sees through a team (rules c and d). */
export async function teamVisibleWorkers(db: TReader, workerId: string): Promise<string[]> {
  const colleagues = await db.teamMember.findMany({
    where: {
      aadObjectId: { not: workerId },
      team: {
        OR: [
          { members: { some: { aadObjectId: workerId, role: 'coordinator' } } },
          { shareContacts: true, members: { some: { aadObjectId: workerId } } },
        ],
      },
    },
    select: { aadObjectId: true },
  });
  return [...new Set(colleagues.map((c) => c.aadObjectId))];
}

/**
 * Rule (c) for one colleague: whether `coordinatorId` is coordinator (their current team role) of a team that
 * `workerId` belongs to, or is that worker. Privacy requests and access-log queries of a coordinator stay within it.
 */
export async function coordinates(db: TReader, coordinatorId: string, workerId: string | null): Promise<boolean> {
  if (!workerId) return false;
  if (workerId === coordinatorId) return true;
  const found = await db.teamMember.findFirst({
    where: { aadObjectId: coordinatorId, role: 'coordinator', team: { members: { some: { aadObjectId: workerId } } } },
    select: { teamId: true },
  });
  return found !== null;
}

/**
 * A Prisma filter for the contacts this worker may see (rules a–d). Asynchronous because rules (c) and (d) depend
 * on team membership, which Contact has no relation to: the colleagues are looked up first.
 */
export async function visibleTo(db: TReader, workerId: string): Promise<Prisma.ContactWhereInput> {
  const colleagues = await teamVisibleWorkers(db, workerId);
  const own = editableBy(workerId).OR!;
  return { OR: colleagues.length ? [...own, { assignedWorkerId: { in: colleagues } }] : own };
}

/**
 * Runs `find` with the filter of rules (a) and (b) first and, only when that finds nothing, with all rules (a–d):
 * most reads are of one's own contacts, which then need no team lookup (one query less on every such card turn).
 */
export async function findVisible<T>(db: TReader, workerId: string, find: (visible: Prisma.ContactWhereInput) => Promise<T | null>): Promise<T | null> {
  return (await find(editableBy(workerId))) ?? find(await visibleTo(db, workerId));
}

/** Whether a contact found with `visibleTo` (including `openFollowUpsOf`) may also be changed by this worker. */
export function accessOf(contact: { assignedWorkerId: string | null; followUps: unknown[] }, workerId: string): TContactAccess {
  return contact.assignedWorkerId === workerId || contact.followUps.length > 0 ? 'edit' : 'read';
}
