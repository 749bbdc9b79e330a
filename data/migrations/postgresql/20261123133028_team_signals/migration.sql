-- CreateTable
CREATE TABLE "Team" (
    "teamId" TEXT NOT NULL,
    "tenantId" TEXT,
    "signalChannelId" TEXT,
    "signalChannelRef" JSONB,
    "boundBy" TEXT,
    "boundAt" TIMESTAMP(3),
    "allowCaseCodes" BOOLEAN NOT NULL DEFAULT false,
    "lastReviewAt" TIMESTAMP(3),
    "weeklySummaryKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" TEXT NOT NULL,
    "aadObjectId" TEXT NOT NULL,
    "teamsUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId","aadObjectId")
);

-- CreateTable
CREATE TABLE "Signal" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "barrierType" TEXT NOT NULL,
    "policyDomain" TEXT NOT NULL,
    "lifeEvent" TEXT NOT NULL,
    "ageBand" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "caseCode" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "statusBy" TEXT,
    "statusAt" TIMESTAMP(3),
    "discussedNote" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedActivityId" TEXT,

    CONSTRAINT "Signal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "teamId" TEXT,
    "assigneeId" TEXT NOT NULL,
    "assignedBy" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "reasonNote" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "outcomeNote" TEXT,
    "remindedOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "target" TEXT NOT NULL,
    "teamId" TEXT,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentActivityId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TeamMember_aadObjectId_idx" ON "TeamMember"("aadObjectId");

-- CreateIndex
CREATE INDEX "Signal_teamId_createdAt_idx" ON "Signal"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "Signal_teamId_status_idx" ON "Signal"("teamId", "status");

-- CreateIndex
CREATE INDEX "FollowUp_assigneeId_status_dueDate_idx" ON "FollowUp"("assigneeId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "FollowUp_contactId_status_idx" ON "FollowUp"("contactId", "status");

-- CreateIndex
CREATE INDEX "FollowUp_teamId_status_idx" ON "FollowUp"("teamId", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_target_status_id_idx" ON "OutboxMessage"("target", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_teamId_status_idx" ON "OutboxMessage"("teamId", "status");

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
