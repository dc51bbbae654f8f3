DROP INDEX "people_filter_idx";--> statement-breakpoint
DROP INDEX "people_unit_idx";--> statement-breakpoint
CREATE INDEX "people_pinyin_order_idx" ON "people" USING btree ("name_pinyin","id");--> statement-breakpoint
CREATE INDEX "people_name_order_idx" ON "people" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "people_birth_order_idx" ON "people" USING btree ("birth_date","id");--> statement-breakpoint
CREATE INDEX "people_updated_order_idx" ON "people" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "people_name_chars_idx" ON "people" USING gin (regexp_split_to_array("name", ''));--> statement-breakpoint
CREATE INDEX "people_unit_idx" ON "people" USING btree ("unit_id","status","category","specialty","rank","gender");