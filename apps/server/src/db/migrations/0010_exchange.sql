CREATE TABLE "exchange_talk_secondments" (
	"talk_id" uuid NOT NULL,
	"secondment_id" uuid NOT NULL,
	CONSTRAINT "exchange_talk_secondments_talk_id_secondment_id_pk" PRIMARY KEY("talk_id","secondment_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_talks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"location" text,
	"participants" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_classes" (
	"partnership_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"joint_kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_classes_partnership_id_class_id_pk" PRIMARY KEY("partnership_id","class_id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"programme" text NOT NULL,
	"side_a_region_code" text NOT NULL,
	"side_a_unit_id" uuid,
	"side_b_region_code" text NOT NULL,
	"side_b_unit_id" uuid,
	"start_year" integer NOT NULL,
	"end_year" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondment_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secondment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"comment" text,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondment_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secondment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"new_end" date NOT NULL,
	"previous_end" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "secondment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secondment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondment_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secondment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"form" text NOT NULL,
	"category" text NOT NULL,
	"specialty" text,
	"home_unit_id" uuid NOT NULL,
	"home_post" text,
	"host_unit_id" uuid NOT NULL,
	"host_post" text,
	"full_time" boolean DEFAULT true NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"mentor" text,
	"party_transfer" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_talk_secondments" ADD CONSTRAINT "exchange_talk_secondments_talk_id_exchange_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."exchange_talks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_talk_secondments" ADD CONSTRAINT "exchange_talk_secondments_secondment_id_secondments_id_fk" FOREIGN KEY ("secondment_id") REFERENCES "public"."secondments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_talks" ADD CONSTRAINT "exchange_talks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_talks" ADD CONSTRAINT "exchange_talks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_classes" ADD CONSTRAINT "partnership_classes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_classes" ADD CONSTRAINT "partnership_classes_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_side_a_region_code_regions_code_fk" FOREIGN KEY ("side_a_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_side_a_unit_id_units_id_fk" FOREIGN KEY ("side_a_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_side_b_region_code_regions_code_fk" FOREIGN KEY ("side_b_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_side_b_unit_id_units_id_fk" FOREIGN KEY ("side_b_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_assessments" ADD CONSTRAINT "secondment_assessments_secondment_id_secondments_id_fk" FOREIGN KEY ("secondment_id") REFERENCES "public"."secondments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_assessments" ADD CONSTRAINT "secondment_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_changes" ADD CONSTRAINT "secondment_changes_secondment_id_secondments_id_fk" FOREIGN KEY ("secondment_id") REFERENCES "public"."secondments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_changes" ADD CONSTRAINT "secondment_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_changes" ADD CONSTRAINT "secondment_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_events" ADD CONSTRAINT "secondment_events_secondment_id_secondments_id_fk" FOREIGN KEY ("secondment_id") REFERENCES "public"."secondments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_events" ADD CONSTRAINT "secondment_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_logs" ADD CONSTRAINT "secondment_logs_secondment_id_secondments_id_fk" FOREIGN KEY ("secondment_id") REFERENCES "public"."secondments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_logs" ADD CONSTRAINT "secondment_logs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_home_unit_id_units_id_fk" FOREIGN KEY ("home_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_host_unit_id_units_id_fk" FOREIGN KEY ("host_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_talk_secondments_secondment_idx" ON "exchange_talk_secondments" USING btree ("secondment_id");--> statement-breakpoint
CREATE INDEX "exchange_talks_partnership_idx" ON "exchange_talks" USING btree ("partnership_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_classes_class_idx" ON "partnership_classes" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "partnerships_side_a_idx" ON "partnerships" USING btree ("side_a_region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partnerships_side_b_idx" ON "partnerships" USING btree ("side_b_region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "secondment_assessments_annual_idx" ON "secondment_assessments" USING btree ("secondment_id","year") WHERE "secondment_assessments"."kind" = 'annual';--> statement-breakpoint
CREATE UNIQUE INDEX "secondment_assessments_final_idx" ON "secondment_assessments" USING btree ("secondment_id") WHERE "secondment_assessments"."kind" = 'final';--> statement-breakpoint
CREATE INDEX "secondment_changes_secondment_idx" ON "secondment_changes" USING btree ("secondment_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "secondment_changes_pending_idx" ON "secondment_changes" USING btree ("secondment_id") WHERE "secondment_changes"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "secondment_events_secondment_idx" ON "secondment_events" USING btree ("secondment_id","at");--> statement-breakpoint
CREATE INDEX "secondment_logs_secondment_idx" ON "secondment_logs" USING btree ("secondment_id","date");--> statement-breakpoint
CREATE INDEX "secondments_partnership_idx" ON "secondments" USING btree ("partnership_id","direction","planned_start");--> statement-breakpoint
CREATE INDEX "secondments_person_idx" ON "secondments" USING btree ("person_id","planned_start");--> statement-breakpoint
CREATE INDEX "secondments_status_idx" ON "secondments" USING btree ("status","planned_end");--> statement-breakpoint
CREATE INDEX "secondments_home_unit_idx" ON "secondments" USING btree ("home_unit_id");--> statement-breakpoint
CREATE INDEX "secondments_host_unit_idx" ON "secondments" USING btree ("host_unit_id");