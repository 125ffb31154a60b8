-- Positions, partitioned by month on fix_time (telemetry). Written by hand: drizzle-kit cannot declare
-- partitioning. The Drizzle table used for queries is src/platform/telemetry/positions.table.ts.
CREATE SEQUENCE IF NOT EXISTS "positions_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "positions" (
	"seq" bigint NOT NULL DEFAULT nextval('positions_seq'),
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id") ON DELETE CASCADE,
	"device_id" uuid NOT NULL REFERENCES "telemetry_devices"("id") ON DELETE CASCADE,
	"fix_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL DEFAULT now(),
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kmh" double precision,
	"course" double precision,
	"altitude" double precision,
	"accuracy" double precision,
	"battery" double precision,
	"ignition" boolean,
	"motion" boolean,
	"fuel_level" double precision,
	"odometer_km" double precision,
	"engine_hours" double precision,
	"driver_unique_id" text,
	"trusted" boolean NOT NULL DEFAULT true,
	"untrusted_reason" text,
	"attributes" jsonb NOT NULL DEFAULT '{}'::jsonb,
	CONSTRAINT "positions_once" UNIQUE ("device_id", "fix_time")
) PARTITION BY RANGE ("fix_time");
--> statement-breakpoint
CREATE INDEX "positions_seq_idx" ON "positions" ("seq");
--> statement-breakpoint
CREATE INDEX "positions_tenant_fix" ON "positions" ("tenant_id", "fix_time");
--> statement-breakpoint
CREATE TABLE "positions_default" PARTITION OF "positions" DEFAULT;
--> statement-breakpoint
-- Creates the partition of the month holding `month_start` when missing; rows of that month that fell
-- into the default partition meanwhile move into it (so the partition can be attached).
CREATE OR REPLACE FUNCTION telemetry_ensure_partition(month_start date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	m date := date_trunc('month', month_start)::date;
	n date := (date_trunc('month', month_start) + interval '1 month')::date;
	part text := 'positions_' || to_char(m, 'YYYY_MM');
BEGIN
	IF to_regclass(part) IS NOT NULL THEN
		RETURN false;
	END IF;
	EXECUTE format('CREATE TABLE %I (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
	EXECUTE format('WITH moved AS (DELETE FROM positions_default WHERE fix_time >= %L AND fix_time < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', m, n, part);
	EXECUTE format('ALTER TABLE positions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, m, n);
	RETURN true;
END $$;
--> statement-breakpoint
DO $$
DECLARE i int;
BEGIN
	FOR i IN -12..3 LOOP
		PERFORM telemetry_ensure_partition((date_trunc('month', now()) + make_interval(months => i))::date);
	END LOOP;
END $$;
