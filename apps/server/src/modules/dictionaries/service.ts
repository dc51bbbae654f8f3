import { type DictionaryItemBody, diffFields } from '@ganxun/domain';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { CONFIGURABLE_LISTS, STANDARD_LISTS } from '../../db/reference-data.js';
import { dictionaries, dictionaryItems } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

export type DictionaryRow = typeof dictionaries.$inferSelect;
export type DictionaryItemRow = typeof dictionaryItems.$inferSelect;

export class DictionaryService {
  constructor(private readonly db: Db) {}

  async list(): Promise<(DictionaryRow & { itemCount: number })[]> {
    return this.db
      .select({
        code: dictionaries.code,
        nameZhCn: dictionaries.nameZhCn,
        nameZhTw: dictionaries.nameZhTw,
        nameEn: dictionaries.nameEn,
        standard: dictionaries.standard,
        editable: dictionaries.editable,
        sortOrder: dictionaries.sortOrder,
        // Qualified by hand: drizzle writes a single-table select's columns bare, and a bare "code"
        // inside the subquery would be the item's own code.
        itemCount: sql<number>`(select count(*)::int from ${dictionaryItems} i where i.dictionary_code = ${dictionaries}.code)`,
      })
      .from(dictionaries)
      .orderBy(asc(dictionaries.editable), asc(dictionaries.sortOrder), asc(dictionaries.code));
  }

  async load(code: string): Promise<DictionaryRow> {
    const [row] = await this.db.select().from(dictionaries).where(eq(dictionaries.code, code));
    if (!row) throw AppError.notFound();
    return row;
  }

  async items(code: string, includeInactive: boolean): Promise<DictionaryItemRow[]> {
    return this.db
      .select()
      .from(dictionaryItems)
      .where(
        and(
          eq(dictionaryItems.dictionaryCode, code),
          includeInactive ? undefined : eq(dictionaryItems.active, true),
        ),
      )
      .orderBy(asc(dictionaryItems.sortOrder), asc(dictionaryItems.code));
  }

  /** Is `itemCode` an active item of list `code`? (Modules validate their coded fields with it.) */
  async isActiveItem(code: string, itemCode: string): Promise<boolean> {
    const [row] = await this.db
      .select({ n: count() })
      .from(dictionaryItems)
      .where(
        and(
          eq(dictionaryItems.dictionaryCode, code),
          eq(dictionaryItems.code, itemCode),
          eq(dictionaryItems.active, true),
        ),
      );
    return Number(row?.n ?? 0) > 0;
  }

  private assertEditable(dictionary: DictionaryRow): void {
    if (!dictionary.editable) throw AppError.field('FORBIDDEN', 'code', 'not_editable');
  }

  async addItem(
    ctx: RequestContext,
    dictionary: DictionaryRow,
    body: DictionaryItemBody,
  ): Promise<DictionaryItemRow> {
    this.assertEditable(dictionary);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(dictionaryItems)
        .values({
          dictionaryCode: dictionary.code,
          code: body.code,
          labelZhCn: body.label['zh-CN'],
          labelZhTw: body.label['zh-TW'],
          labelEn: body.label.en,
          sortOrder: body.sortOrder,
          active: body.active,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw AppError.field('CONFLICT', 'code', 'taken');
      await recordAudit(tx, ctx, {
        action: 'dictionary.item.create',
        entityType: 'dictionary',
        entityId: `${dictionary.code}/${body.code}`,
        changes: { ...body },
      });
      return row;
    });
  }

  async updateItem(
    ctx: RequestContext,
    dictionary: DictionaryRow,
    itemCode: string,
    patch: Partial<Omit<DictionaryItemBody, 'code'>>,
  ): Promise<DictionaryItemRow> {
    this.assertEditable(dictionary);
    return this.db.transaction(async (tx) => {
      const where = and(
        eq(dictionaryItems.dictionaryCode, dictionary.code),
        eq(dictionaryItems.code, itemCode),
      );
      const [before] = await tx.select().from(dictionaryItems).where(where).for('update');
      if (!before) throw AppError.notFound();
      const next = {
        labelZhCn: patch.label?.['zh-CN'] ?? before.labelZhCn,
        labelZhTw: patch.label?.['zh-TW'] ?? before.labelZhTw,
        labelEn: patch.label?.en ?? before.labelEn,
        sortOrder: patch.sortOrder ?? before.sortOrder,
        active: patch.active ?? before.active,
      };
      const [row] = await tx.update(dictionaryItems).set(next).where(where).returning();
      if (!row) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'dictionary.item.update',
        entityType: 'dictionary',
        entityId: `${dictionary.code}/${itemCode}`,
        changes: diffFields(before, next),
      });
      return row;
    });
  }

  /** Writes the shipped code lists: standards replaced, configurable lists created when missing. */
  async seedReferenceData(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const [index, list] of [...STANDARD_LISTS, ...CONFIGURABLE_LISTS].entries()) {
        const editable = list.standard === null;
        const inserted = await tx
          .insert(dictionaries)
          .values({
            code: list.code,
            nameZhCn: list.name.zhCN,
            nameZhTw: list.name.zhTW,
            nameEn: list.name.en,
            standard: list.standard,
            editable,
            sortOrder: index,
          })
          .onConflictDoUpdate({
            target: dictionaries.code,
            set: {
              nameZhCn: list.name.zhCN,
              nameZhTw: list.name.zhTW,
              nameEn: list.name.en,
              standard: list.standard,
              editable,
            },
          })
          .returning({ code: dictionaries.code });
        if (!inserted[0]) continue;
        const [existing] = await tx
          .select({ n: count() })
          .from(dictionaryItems)
          .where(eq(dictionaryItems.dictionaryCode, list.code));
        if (editable && Number(existing?.n ?? 0) > 0) continue;
        const values = list.items.map((it, i) => ({
          dictionaryCode: list.code,
          code: it.code,
          labelZhCn: it.zhCN,
          labelZhTw: it.zhTW,
          labelEn: it.en,
          sortOrder: (i + 1) * 10,
          active: true,
        }));
        await tx
          .insert(dictionaryItems)
          .values(values)
          .onConflictDoUpdate({
            target: [dictionaryItems.dictionaryCode, dictionaryItems.code],
            set: {
              labelZhCn: sql`excluded.label_zh_cn`,
              labelZhTw: sql`excluded.label_zh_tw`,
              labelEn: sql`excluded.label_en`,
              sortOrder: sql`excluded.sort_order`,
            },
          });
      }
    });
  }
}
