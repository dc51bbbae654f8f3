import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionMaterials, storedFiles, unitSeals } from '../src/db/schema/index.js';
import { FileStore } from '../src/platform/files.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { createTestContext, type TestContext } from './helpers.js';
import { makeSession } from './session-factories.js';

/**
 * Uploads that were never attached (a leave attachment or a reflection file whose request was never
 * sent) are deleted after a day; anything a record refers to stays, however old.
 */

let t: TestContext;
let files: FileStore;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestContext();
  files = new FileStore(t.database.db);
});
afterAll(async () => t?.close());

async function upload(name: string, ageMs: number) {
  const file = await files.put(t.database.db, {
    name,
    mime: 'application/pdf',
    content: Buffer.from(`%PDF ${name}`),
    uploadedBy: null,
  });
  await t.database.db
    .update(storedFiles)
    .set({ createdAt: new Date(Date.now() - ageMs) })
    .where(eq(storedFiles.id, file.id));
  return file.id;
}

const remaining = async (ids: string[]) =>
  (await t.database.db.select({ id: storedFiles.id }).from(storedFiles).where(inArray(storedFiles.id, ids)))
    .map((r) => r.id)
    .sort();

describe('FileStore.pruneUnattached', () => {
  it('deletes day-old uploads nothing refers to, and keeps attached and recent ones', async () => {
    const klass = await makeClass(t.database);
    const item = await makeSession(t.database, klass.id);
    const unit = await makeUnit(t.database);

    const orphan = await upload('未提交的请假附件.pdf', 2 * DAY);
    const material = await upload('讲义.pdf', 30 * DAY);
    await t.database.db.insert(sessionMaterials).values({ sessionId: item.id, fileId: material });
    const seal = await upload('公章.png', 400 * DAY);
    await t.database.db.insert(unitSeals).values({ unitId: unit.id, fileId: seal });
    const fresh = await upload('刚上传.pdf', 60_000);

    const deleted = await files.pruneUnattached(new Date(Date.now() - DAY));
    expect(deleted).toBe(1);
    expect(await remaining([orphan, material, seal, fresh])).toEqual([material, seal, fresh].sort());

    // A second pass finds nothing more; once the material is detached, it goes too.
    expect(await files.pruneUnattached(new Date(Date.now() - DAY))).toBe(0);
    await t.database.db.delete(sessionMaterials).where(eq(sessionMaterials.fileId, material));
    expect(await files.pruneUnattached(new Date(Date.now() - DAY))).toBe(1);
    expect(await remaining([material, seal, fresh])).toEqual([seal, fresh].sort());
  });
});
