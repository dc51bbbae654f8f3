import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominations } from '../src/db/schema/index.js';
import { makeClass, makeQuota } from './class-factories.js';
import { ensureRegion, makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Who reaches a class: its organisers' org admins and training officers and the staff named on it
 * run it; liaisons with a usable quota see it once published; trainees see open classes and their
 * own. Everyone else gets a 403 (audited) for one class and nothing in lists.
 */

let t: TestContext;
let published: { id: string };
let draft: { id: string };
let open: { id: string };
let closedDeadline: { id: string };
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};

/** A birth date spread over decades, so generated ID numbers do not collide. */
const randomBirth = () =>
  new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 13_500) * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  await ensureRegion(t.database, '330100', '杭州市');
  const school = await makeUnit(t.database, {
    name: '恩施州委党校',
    type: 'party_school',
    regionCode: '422801',
  });
  const otherSchool = await makeUnit(t.database, { type: 'party_school', regionCode: '422801' });
  const lichuan = await makeUnit(t.database, { name: '利川市委组织部', regionCode: '422802' });
  const hangzhou = await makeUnit(t.database, { name: '杭州市江干区委组织部', regionCode: '330100' });

  const user = async (key: string, role: Parameters<typeof makeUser>[2] & object) => {
    const u = await makeUser(t.services, t.database, role);
    ids[key] = u.user.id;
    clients[key] = await signIn(t, u);
    return u;
  };
  await user('hubeiAdmin', { roles: [{ role: 'org_admin', scopeId: '420000' }] });
  await user('hangzhouAdmin', { roles: [{ role: 'org_admin', scopeId: '330100' }] });
  await user('officer', { roles: [{ role: 'training_officer', scopeId: school.id }] });
  await user('otherOfficer', { roles: [{ role: 'training_officer', scopeId: otherSchool.id }] });
  await user('namedDirector', { roles: [{ role: 'class_director' }] });
  await user('otherDirector', { roles: [{ role: 'class_director' }] });
  await user('liaisonWithQuota', { roles: [{ role: 'unit_liaison', scopeId: lichuan.id }] });
  await user('liaisonWithout', { roles: [{ role: 'unit_liaison', scopeId: hangzhou.id }] });
  await user('trainee', { roles: [{ role: 'trainee' }] });
  await user('participant', { roles: [{ role: 'trainee' }] });
  await makePerson(t.services, t.database, lichuan.id, { userId: ids.trainee, birthDate: randomBirth() });
  const participantPerson = await makePerson(t.services, t.database, lichuan.id, {
    userId: ids.participant,
    birthDate: randomBirth(),
  });

  published = await makeClass(t.database, { leadOrganiserId: school.id, directorId: ids.namedDirector });
  draft = await makeClass(t.database, { leadOrganiserId: school.id, status: 'draft' });
  open = await makeClass(t.database, { leadOrganiserId: school.id, selfRegistration: true });
  closedDeadline = await makeClass(t.database, {
    leadOrganiserId: school.id,
    nominationDeadline: new Date(Date.now() - 86_400_000),
  });
  for (const c of [published, draft, closedDeadline])
    await makeQuota(t.database, c.id, { regionCode: '422800' }, 10);
  await t.database.db
    .insert(nominations)
    .values({ classId: published.id, personId: participantPerson.id, status: 'submitted' });
});
afterAll(async () => t.close());

const listIds = async (client: Client, query = '') =>
  (await client.get(`/api/v1/classes?pageSize=200${query}`)).json().items.map((c: { id: string }) => c.id);

// reader, reads the published class, sees the draft, edits, and the view's flags for the published class
const TABLE: [string, boolean, boolean, boolean, Record<string, boolean> | null][] = [
  [
    'hubeiAdmin',
    true,
    true,
    true,
    { canEdit: true, canApprove: true, canManageRoster: true, canNominate: true },
  ],
  ['hangzhouAdmin', false, false, false, null],
  [
    'officer',
    true,
    true,
    true,
    { canEdit: true, canApprove: true, canManageRoster: true, canNominate: false },
  ],
  ['otherOfficer', false, false, false, null],
  [
    'namedDirector',
    true,
    false,
    false,
    { canEdit: false, canApprove: false, canManageRoster: true, canNominate: false },
  ],
  ['otherDirector', false, false, false, null],
  [
    'liaisonWithQuota',
    true,
    false,
    false,
    { canEdit: false, canApprove: false, canManageRoster: false, canNominate: true },
  ],
  ['liaisonWithout', false, false, false, null],
  ['trainee', false, false, false, null],
  [
    'participant',
    true,
    false,
    false,
    { canEdit: false, canApprove: false, canManageRoster: false, canNominate: false },
  ],
];

describe.each(TABLE)('%s', (key, reads, seesDraft, edits, flags) => {
  it(`${reads ? 'reads' : 'gets 403 (audited) on'} the published class, and lists accordingly`, async () => {
    const client = clients[key] as Client;
    const res = await client.get(`/api/v1/classes/${published.id}`);
    if (reads) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject(flags ?? {});
      expect(res.json().actions.length > 0).toBe(edits);
    } else {
      expect(res.statusCode).toBe(403);
      expect(await auditOf(t, res)).toEqual([
        expect.objectContaining({
          action: 'class.read',
          outcome: 'denied',
          entityId: published.id,
          actorId: ids[key],
        }),
      ]);
      expect((await client.get(`/api/v1/classes/${published.id}/events`)).statusCode).toBe(403);
    }
    const listed = await listIds(client);
    expect(listed.includes(published.id)).toBe(reads);
    expect(listed.includes(draft.id)).toBe(seesDraft);
    expect((await client.get(`/api/v1/classes/${draft.id}`)).statusCode).toBe(seesDraft ? 200 : 403);
  });

  it(`${edits ? 'edits' : 'may not edit (403, audited)'} the class`, async () => {
    const client = clients[key] as Client;
    const res = await client.patch(`/api/v1/classes/${published.id}`, { venue: `由${key}修改` });
    if (edits) {
      expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(res.statusCode).toBe(403);
      expect(await auditOf(t, res)).toEqual([
        expect.objectContaining({ action: 'class.edit', outcome: 'denied', entityId: published.id }),
      ]);
      const clone = await client.post(`/api/v1/classes/${published.id}/clone`, {});
      expect(clone.statusCode).toBe(403);
      const move = await client.post(`/api/v1/classes/${published.id}/transitions`, {
        action: 'close_nominations',
      });
      expect(move.statusCode).toBe(403);
    }
  });
});

describe('nominating and registering', () => {
  it('lists for a liaison the classes open to their quota, not those past the deadline', async () => {
    const liaison = clients.liaisonWithQuota as Client;
    const nominating = await listIds(liaison, '&nominating=true');
    expect(nominating).toContain(published.id);
    expect(nominating).not.toContain(closedDeadline.id);
    expect(nominating).not.toContain(draft.id);
    expect((await liaison.get(`/api/v1/classes/${closedDeadline.id}`)).json().canNominate).toBe(false);
    expect(await listIds(clients.liaisonWithout as Client, '&nominating=true')).toEqual([]);
  });

  it('shows a trainee the open classes and lets them register once', async () => {
    const trainee = clients.trainee as Client;
    expect(await listIds(trainee)).toEqual([open.id]);
    expect(await listIds(trainee, '&nominating=true')).toEqual([open.id]);
    expect((await trainee.get(`/api/v1/classes/${open.id}`)).json()).toMatchObject({
      canRegister: true,
      canNominate: false,
      canEdit: false,
      actions: [],
    });
    // A trainee without a person record of their own cannot register.
    const stranger = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }),
    );
    expect((await stranger.get(`/api/v1/classes/${open.id}`)).json().canRegister).toBe(false);
    // Already nominated: no second registration.
    const participant = clients.participant as Client;
    expect((await participant.get(`/api/v1/classes/${open.id}`)).json().canRegister).toBe(true);
    expect((await participant.get(`/api/v1/classes/${published.id}`)).json().canRegister).toBe(false);
  });

  it('counts seats taken by submitted and approved nominations', async () => {
    const res = await (clients.hubeiAdmin as Client).get(`/api/v1/classes/${published.id}`);
    expect(res.json()).toMatchObject({ seatsTaken: 1, enrolled: 0 });
  });
});
