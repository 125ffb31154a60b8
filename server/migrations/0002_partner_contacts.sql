ALTER TABLE "partner_orgs" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD COLUMN "notes" text;