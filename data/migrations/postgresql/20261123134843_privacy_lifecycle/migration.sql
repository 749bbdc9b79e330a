-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "anonymisedAt" TIMESTAMP(3),
ADD COLUMN     "closedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "shareContacts" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AccessAudit" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectId" TEXT,
    "caseCode" TEXT,
    "detail" JSONB,

    CONSTRAINT "AccessAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessAudit_subjectId_at_idx" ON "AccessAudit"("subjectId", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_caseCode_at_idx" ON "AccessAudit"("caseCode", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_actorId_at_idx" ON "AccessAudit"("actorId", "at");

-- Append-only audit log (hand-written; Prisma does not model triggers).
CREATE FUNCTION "AccessAudit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AccessAudit is append-only';
END;
$$;
CREATE TRIGGER "AccessAudit_no_update_delete" BEFORE UPDATE OR DELETE ON "AccessAudit"
    FOR EACH ROW EXECUTE FUNCTION "AccessAudit_append_only"();
CREATE TRIGGER "AccessAudit_no_truncate" BEFORE TRUNCATE ON "AccessAudit"
    FOR EACH STATEMENT EXECUTE FUNCTION "AccessAudit_append_only"();
