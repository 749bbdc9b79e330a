-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "caseCode" TEXT NOT NULL,
    "lifeEvent" TEXT NOT NULL,
    "eventDate" TEXT,
    "detectionSource" TEXT NOT NULL,
    "consentStatus" TEXT NOT NULL,
    "assignedWorkerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'to_prepare',
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "street" TEXT,
    "houseNumber" TEXT,
    "postalCode" TEXT,
    "municipality" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "birthDate" TEXT,
    "relatives" TEXT,
    "checklist" JSONB,
    "visitDate" TEXT,
    "visitTime" TEXT,
    "visitPlace" TEXT,
    "visitPlaceNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactEvent" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCodeCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseCodeCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Contact_caseCode_key" ON "Contact"("caseCode");

-- CreateIndex
CREATE INDEX "Contact_assignedWorkerId_status_idx" ON "Contact"("assignedWorkerId", "status");

-- CreateIndex
CREATE INDEX "ContactEvent_contactId_at_idx" ON "ContactEvent"("contactId", "at");

-- CreateIndex
CREATE INDEX "Registration_contactId_status_idx" ON "Registration"("contactId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_contactId_version_key" ON "Registration"("contactId", "version");

-- AddForeignKey
ALTER TABLE "ContactEvent" ADD CONSTRAINT "ContactEvent_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
