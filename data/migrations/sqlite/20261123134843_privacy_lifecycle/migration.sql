-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "anonymisedAt" DATETIME;
ALTER TABLE "Contact" ADD COLUMN "closedAt" DATETIME;

-- CreateTable
CREATE TABLE "AccessAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectId" TEXT,
    "caseCode" TEXT,
    "detail" JSONB
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT,
    "name" TEXT,
    "signalChannelId" TEXT,
    "signalChannelRef" JSONB,
    "boundBy" TEXT,
    "boundAt" DATETIME,
    "allowCaseCodes" BOOLEAN NOT NULL DEFAULT false,
    "shareContacts" BOOLEAN NOT NULL DEFAULT false,
    "lastReviewAt" DATETIME,
    "weeklySummaryKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Team" ("allowCaseCodes", "boundAt", "boundBy", "createdAt", "lastReviewAt", "name", "signalChannelId", "signalChannelRef", "teamId", "tenantId", "updatedAt", "weeklySummaryKey") SELECT "allowCaseCodes", "boundAt", "boundBy", "createdAt", "lastReviewAt", "name", "signalChannelId", "signalChannelRef", "teamId", "tenantId", "updatedAt", "weeklySummaryKey" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AccessAudit_subjectId_at_idx" ON "AccessAudit"("subjectId", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_caseCode_at_idx" ON "AccessAudit"("caseCode", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_actorId_at_idx" ON "AccessAudit"("actorId", "at");

-- Append-only audit log (hand-written; Prisma does not model triggers).
CREATE TRIGGER "AccessAudit_no_update" BEFORE UPDATE ON "AccessAudit"
BEGIN
    SELECT RAISE(ABORT, 'AccessAudit is append-only');
END;
CREATE TRIGGER "AccessAudit_no_delete" BEFORE DELETE ON "AccessAudit"
BEGIN
    SELECT RAISE(ABORT, 'AccessAudit is append-only');
END;
