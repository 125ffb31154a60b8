ALTER TABLE "fleet_faults" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_faults_client" ON "fleet_faults" USING btree ("tenant_id","client_key");