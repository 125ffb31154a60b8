CREATE TABLE "fleet_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" text DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_drivers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"driver_unique_id" text,
	"licence_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"geofence_id" uuid,
	"value" double precision,
	"limit_kmh" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_faults" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"reported_by" uuid,
	"description" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_geofences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"polygon" jsonb NOT NULL,
	"speed_limit_kmh" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_log_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"day" date NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"remarks" text,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"driver_user_id" uuid,
	"kind" text NOT NULL,
	"number" text,
	"valid_until" date NOT NULL,
	"remind_days" jsonb DEFAULT '[30,7,0]'::jsonb NOT NULL,
	"file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_refuels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"user_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"litres" double precision NOT NULL,
	"cost" double precision,
	"odometer_km" double precision,
	"station" text,
	"full_tank" boolean DEFAULT true NOT NULL,
	"receipt_file_id" uuid,
	"client_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_service_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"name" text NOT NULL,
	"every_km" double precision,
	"every_hours" double precision,
	"every_months" integer,
	"last_km" double precision DEFAULT 0 NOT NULL,
	"last_hours" double precision DEFAULT 0 NOT NULL,
	"last_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"plan_id" uuid,
	"done_on" date NOT NULL,
	"odometer_km" double precision,
	"engine_hours" double precision,
	"description" text NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"labour_cost" double precision DEFAULT 0 NOT NULL,
	"total_cost" double precision DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"source" text NOT NULL,
	"phone_device_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fleet_stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"duration_s" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"start_lat" double precision NOT NULL,
	"start_lon" double precision NOT NULL,
	"end_lat" double precision NOT NULL,
	"end_lon" double precision NOT NULL,
	"distance_km" double precision NOT NULL,
	"duration_s" integer NOT NULL,
	"idle_s" integer NOT NULL,
	"max_speed_kmh" double precision NOT NULL,
	"engine_hours" double precision,
	"fuel_used_l" double precision,
	"driver_unique_id" text,
	"driver_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "fleet_vehicle_state" (
	"vehicle_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"category" text NOT NULL,
	"make" text,
	"model" text,
	"unit_id" uuid,
	"fuel_type" text NOT NULL,
	"tank_litres" double precision,
	"odometer_km" double precision DEFAULT 0 NOT NULL,
	"engine_hours" double precision DEFAULT 0 NOT NULL,
	"device_id" uuid,
	"speed_limit_kmh" integer,
	"norm_l_per_100km" double precision,
	"norm_l_per_hour" double precision,
	"refuel_threshold_l" double precision DEFAULT 10 NOT NULL,
	"drop_threshold_l" double precision DEFAULT 8 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_obligation_notices" (
	"obligation_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"offset_days" integer NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_obligation_notices_obligation_id_due_date_offset_days_pk" PRIMARY KEY("obligation_id","due_date","offset_days")
);
--> statement-breakpoint
CREATE TABLE "notify_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text NOT NULL,
	"due_date" date NOT NULL,
	"offsets_days" jsonb NOT NULL,
	"recipients" jsonb NOT NULL,
	"channels" jsonb NOT NULL,
	"url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fleet_drivers" ADD CONSTRAINT "fleet_drivers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_drivers" ADD CONSTRAINT "fleet_drivers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_events" ADD CONSTRAINT "fleet_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_events" ADD CONSTRAINT "fleet_events_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_faults" ADD CONSTRAINT "fleet_faults_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_faults" ADD CONSTRAINT "fleet_faults_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_faults" ADD CONSTRAINT "fleet_faults_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_geofences" ADD CONSTRAINT "fleet_geofences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_log_confirmations" ADD CONSTRAINT "fleet_log_confirmations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_log_confirmations" ADD CONSTRAINT "fleet_log_confirmations_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_log_confirmations" ADD CONSTRAINT "fleet_log_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_papers" ADD CONSTRAINT "fleet_papers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_papers" ADD CONSTRAINT "fleet_papers_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_papers" ADD CONSTRAINT "fleet_papers_driver_user_id_users_id_fk" FOREIGN KEY ("driver_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_refuels" ADD CONSTRAINT "fleet_refuels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_refuels" ADD CONSTRAINT "fleet_refuels_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_refuels" ADD CONSTRAINT "fleet_refuels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_service_plans" ADD CONSTRAINT "fleet_service_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_service_plans" ADD CONSTRAINT "fleet_service_plans_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_service_records" ADD CONSTRAINT "fleet_service_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_service_records" ADD CONSTRAINT "fleet_service_records_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_service_records" ADD CONSTRAINT "fleet_service_records_plan_id_fleet_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."fleet_service_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_shifts" ADD CONSTRAINT "fleet_shifts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_shifts" ADD CONSTRAINT "fleet_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_shifts" ADD CONSTRAINT "fleet_shifts_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_stops" ADD CONSTRAINT "fleet_stops_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_stops" ADD CONSTRAINT "fleet_stops_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_trips" ADD CONSTRAINT "fleet_trips_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_trips" ADD CONSTRAINT "fleet_trips_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_vehicle_state" ADD CONSTRAINT "fleet_vehicle_state_vehicle_id_fleet_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."fleet_vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_vehicle_state" ADD CONSTRAINT "fleet_vehicle_state_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_vehicles" ADD CONSTRAINT "fleet_vehicles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_vehicles" ADD CONSTRAINT "fleet_vehicles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_obligation_notices" ADD CONSTRAINT "notify_obligation_notices_obligation_id_notify_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."notify_obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_obligation_notices" ADD CONSTRAINT "notify_obligation_notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_obligations" ADD CONSTRAINT "notify_obligations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_drivers_card" ON "fleet_drivers" USING btree ("tenant_id","driver_unique_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_events_once" ON "fleet_events" USING btree ("vehicle_id","kind","at","geofence_id");--> statement-breakpoint
CREATE INDEX "fleet_events_tenant" ON "fleet_events" USING btree ("tenant_id","kind","at");--> statement-breakpoint
CREATE INDEX "fleet_faults_vehicle" ON "fleet_faults" USING btree ("tenant_id","vehicle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_log_day" ON "fleet_log_confirmations" USING btree ("vehicle_id","day");--> statement-breakpoint
CREATE INDEX "fleet_papers_vehicle" ON "fleet_papers" USING btree ("tenant_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "fleet_refuels_vehicle" ON "fleet_refuels" USING btree ("tenant_id","vehicle_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_refuels_client" ON "fleet_refuels" USING btree ("tenant_id","client_key");--> statement-breakpoint
CREATE INDEX "fleet_service_vehicle" ON "fleet_service_records" USING btree ("tenant_id","vehicle_id","done_on");--> statement-breakpoint
CREATE INDEX "fleet_shifts_user" ON "fleet_shifts" USING btree ("tenant_id","user_id","started_at");--> statement-breakpoint
CREATE INDEX "fleet_shifts_vehicle" ON "fleet_shifts" USING btree ("vehicle_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_stops_start" ON "fleet_stops" USING btree ("vehicle_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_trips_start" ON "fleet_trips" USING btree ("vehicle_id","start_at");--> statement-breakpoint
CREATE INDEX "fleet_trips_tenant" ON "fleet_trips" USING btree ("tenant_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_vehicles_plate" ON "fleet_vehicles" USING btree ("tenant_id","plate");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_vehicles_device" ON "fleet_vehicles" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_obligations_subject" ON "notify_obligations" USING btree ("tenant_id","subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "notify_obligations_due" ON "notify_obligations" USING btree ("status","due_date");