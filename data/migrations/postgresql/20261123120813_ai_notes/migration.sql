-- CreateTable
CREATE TABLE "VisitNotes" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitNotes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiSuggestion" (
    "id" TEXT NOT NULL,
    "notesId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmCallAudit" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "caseCode" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "requestBytes" INTEGER NOT NULL,
    "responseBytes" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmCallAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitNotes_contactId_status_idx" ON "VisitNotes"("contactId", "status");

-- CreateIndex
CREATE INDEX "VisitNotes_workerId_status_idx" ON "VisitNotes"("workerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AiSuggestion_notesId_key" ON "AiSuggestion"("notesId");

-- CreateIndex
CREATE INDEX "AiSuggestion_contactId_status_idx" ON "AiSuggestion"("contactId", "status");

-- CreateIndex
CREATE INDEX "LlmCallAudit_caseCode_idx" ON "LlmCallAudit"("caseCode");

-- CreateIndex
CREATE INDEX "LlmCallAudit_workerId_at_idx" ON "LlmCallAudit"("workerId", "at");

-- AddForeignKey
ALTER TABLE "VisitNotes" ADD CONSTRAINT "VisitNotes_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiSuggestion" ADD CONSTRAINT "AiSuggestion_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
