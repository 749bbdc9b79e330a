-- CreateTable
CREATE TABLE "VisitNotes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VisitNotes_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AiSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notesId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AiSuggestion_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LlmCallAudit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workerId" TEXT NOT NULL,
    "caseCode" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "requestBytes" INTEGER NOT NULL,
    "responseBytes" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
