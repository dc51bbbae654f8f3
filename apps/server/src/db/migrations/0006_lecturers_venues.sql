CREATE TABLE "lecturers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"affiliation" text,
	"title" text,
	"expertise" text[] DEFAULT '{}'::text[] NOT NULL,
	"mobile_enc" text,
	"mobile_hash" text,
	"mobile_masked" text,
	"email" text,
	"biography" text,
	"person_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"capacity" integer,
	"building" text,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"address" text,
	"city_code" text,
	"live_url" text,
	"replay_url" text,
	"note" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lecturers" ADD CONSTRAINT "lecturers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecturers" ADD CONSTRAINT "lecturers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lecturers_name_idx" ON "lecturers" USING btree ("name_pinyin","id");--> statement-breakpoint
CREATE INDEX "lecturers_expertise_idx" ON "lecturers" USING gin ("expertise");--> statement-breakpoint
CREATE UNIQUE INDEX "lecturers_person_idx" ON "lecturers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_owner_name_idx" ON "venues" USING btree ("owner_unit_id","name");--> statement-breakpoint
CREATE INDEX "venues_city_idx" ON "venues" USING btree ("city_code");