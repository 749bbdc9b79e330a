-- AlterTable
ALTER TABLE "Team" ADD COLUMN "name" TEXT;
