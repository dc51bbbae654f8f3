DROP INDEX "survey_forms_class_idx";--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "region_code" text;--> statement-breakpoint
CREATE INDEX "enrollments_class_status_idx" ON "enrollments" USING btree ("class_id","status","person_id","id","region_code");--> statement-breakpoint
CREATE INDEX "survey_forms_class_idx" ON "survey_forms" USING btree ("class_id","target","session_id","id");--> statement-breakpoint
-- enrollments.region_code: the region of the person's unit now, kept here for the statistics.
CREATE FUNCTION "enrollments_region_of_person"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."region_code" := (SELECT u."region_code" FROM "people" p JOIN "units" u ON u."id" = p."unit_id" WHERE p."id" = NEW."person_id");
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "enrollments_region" BEFORE INSERT OR UPDATE OF "person_id", "region_code" ON "enrollments"
  FOR EACH ROW EXECUTE FUNCTION "enrollments_region_of_person"();
--> statement-breakpoint
CREATE FUNCTION "enrollments_region_person_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "enrollments" SET "region_code" = NULL WHERE "person_id" = NEW."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "people_enrollments_region" AFTER UPDATE OF "unit_id" ON "people"
  FOR EACH ROW WHEN (OLD."unit_id" IS DISTINCT FROM NEW."unit_id") EXECUTE FUNCTION "enrollments_region_person_moved"();
--> statement-breakpoint
CREATE FUNCTION "enrollments_region_unit_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "enrollments" e SET "region_code" = NULL FROM "people" p WHERE p."unit_id" = NEW."id" AND e."person_id" = p."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "units_enrollments_region" AFTER UPDATE OF "region_code" ON "units"
  FOR EACH ROW WHEN (OLD."region_code" IS DISTINCT FROM NEW."region_code") EXECUTE FUNCTION "enrollments_region_unit_moved"();
--> statement-breakpoint
UPDATE "enrollments" e SET "region_code" = u."region_code" FROM "people" p JOIN "units" u ON u."id" = p."unit_id"
  WHERE p."id" = e."person_id";
