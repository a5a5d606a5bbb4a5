import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

describe('workspace members and invitations', () => {
  let t: TestApp;
  let owner: SignedUpUser;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t, { name: 'Olga Owner' });
  });
  afterAll(() => t?.close());

  const as = (user: SignedUpUser) => ({
    get: (url: string) => user.agent.get(url),
    post: (url: string, body: object = {}) => user.agent.post(url).set('X-CSRF-Token', user.csrf).send(body),
    patch: (url: string, body: object) => user.agent.patch(url).set('X-CSRF-Token', user.csrf).send(body),
    delete: (url: string) => user.agent.delete(url).set('X-CSRF-Token', user.csrf),
  });

  async function invite(inviter: SignedUpUser, workspaceId: string, role: string, invitee: SignedUpUser) {
    const created = await as(inviter)
      .post(`/api/workspaces/${workspaceId}/invitations`, { email: invitee.email.toUpperCase(), role })
      .expect(201);
    expect(created.body).toMatchObject({ email: invitee.email, role });
    expect(created.body.acceptUrl).toContain(`/app/invitations/accept?token=${created.body.token}`);
    const joined = await as(invitee).post('/api/invitations/accept', { token: created.body.token }).expect(200);
    expect(joined.body).toMatchObject({ id: workspaceId, role });
  }

  it('invites by email, the invitee accepts, members are listed with roles', async () => {
    const admin = await signUp(t, { name: 'Ada Admin' });
    await invite(owner, owner.workspaceId, 'admin', admin);
    const list = await as(owner).get(`/api/workspaces/${owner.workspaceId}/members`).expect(200);
    expect(
      list.body.data.map((member: { userId: string; role: string; type: string }) => [
        member.userId,
        member.role,
        member.type,
      ]),
    ).toEqual([
      [owner.userId, 'owner', 'user'],
      [admin.userId, 'admin', 'user'],
    ]);
    // The admin now works in the owner's workspace.
    expect((await admin.agent.get('/api/auth/me').set('X-Workspace-Id', owner.workspaceId).expect(200)).body.role).toBe(
      'admin',
    );
  });

  it('an invitation works once, only for its email, and not after expiry', async () => {
    const invitee = await signUp(t);
    const other = await signUp(t);
    const created = await as(owner)
      .post(`/api/workspaces/${owner.workspaceId}/invitations`, { email: invitee.email, role: 'member' })
      .expect(201);
    const wrongPerson = await as(other).post('/api/invitations/accept', { token: created.body.token }).expect(403);
    expect(wrongPerson.body.message).toBe(
      `This invitation is for ${invitee.email}; sign in with that email to accept it`,
    );
    await t.dataSource.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      created.body.id,
    ]);
    expect(
      (await as(invitee).post('/api/invitations/accept', { token: created.body.token }).expect(400)).body.errors[0]
        .field,
    ).toBe('token');
    const again = await as(owner)
      .post(`/api/workspaces/${owner.workspaceId}/invitations`, { email: invitee.email, role: 'member' })
      .expect(201);
    expect(
      (await as(owner).get(`/api/workspaces/${owner.workspaceId}/invitations`).expect(200)).body.data.map(
        (invitation: { id: string }) => invitation.id,
      ),
    ).toContain(again.body.id);
    await as(invitee).post('/api/invitations/accept', { token: again.body.token }).expect(200);
    await as(invitee).post('/api/invitations/accept', { token: again.body.token }).expect(404);
    const member = await as(owner)
      .post(`/api/workspaces/${owner.workspaceId}/invitations`, { email: invitee.email, role: 'admin' })
      .expect(409);
    expect(member.body.message).toBe(`${invitee.email} is already a member of this workspace`);
  });

  it('roles: members cannot manage; admins cannot touch owners; the last owner stays', async () => {
    const member = await signUp(t);
    await invite(owner, owner.workspaceId, 'member', member);
    const admin = await signUp(t);
    await invite(owner, owner.workspaceId, 'admin', admin);
    const url = `/api/workspaces/${owner.workspaceId}`;

    expect(
      (await as(member).post(`${url}/invitations`, { email: 'x@example.com', role: 'member' }).expect(403)).body
        .message,
    ).toBe('This action requires the owner or admin role');
    await as(member).patch(`${url}/members/${admin.userId}`, { role: 'member' }).expect(403);
    await as(admin).post(`${url}/invitations`, { email: 'boss@example.com', role: 'owner' }).expect(403);
    expect((await as(admin).patch(`${url}/members/${owner.userId}`, { role: 'member' }).expect(403)).body.message).toBe(
      'Only owners can grant or take away the owner role',
    );
    await as(admin).delete(`${url}/members/${owner.userId}`).expect(403);
    expect((await as(owner).patch(`${url}/members/${owner.userId}`, { role: 'admin' }).expect(409)).body.message).toBe(
      'A workspace needs at least one owner',
    );
    await as(owner).delete(`${url}/members/${owner.userId}`).expect(409);
    const promoted = await as(owner).patch(`${url}/members/${member.userId}`, { role: 'admin' }).expect(200);
    expect(promoted.body.data.find((row: { userId: string }) => row.userId === member.userId).role).toBe('admin');
    expect(
      (await as(owner).patch(`${url}/members/${member.userId}`, { role: 'king' }).expect(400)).body.errors[0].field,
    ).toBe('role');
  });

  it('removing a person revokes every key whose secret they were shown: their own, machine users’, rotations', async () => {
    const team = await signUp(t);
    const admin = await signUp(t);
    await invite(team, team.workspaceId, 'admin', admin);
    const asAdmin = (method: 'post' | 'delete', url: string) =>
      admin.agent[method](url).set('X-Workspace-Id', team.workspaceId).set('X-CSRF-Token', admin.csrf);
    const ownerKey = await createKey(team, { name: 'owner key', scopes: ['links'] });
    const untouchedOwnerKey = await createKey(team, { name: 'owner key 2', scopes: ['links'] });
    const ownerBot = await createKey(team, { name: 'owner bot', scopes: ['links'], machineUser: true });
    const adminOwn = await asAdmin('post', '/api/settings/api-keys')
      .send({ name: 'mine', scopes: ['links'] })
      .expect(201);
    const adminBot = await asAdmin('post', '/api/settings/api-keys')
      .send({ name: 'admin bot', scopes: ['links'], machineUser: true })
      .expect(201);
    // The admin rotates the owner's key: the new secret acts as the owner and was shown to the admin.
    const rotated = await asAdmin('post', `/api/settings/api-keys/${ownerKey.id}/rotate`).send({}).expect(201);
    for (const key of [adminOwn.body.key, adminBot.body.key, rotated.body.key])
      await t.http().get('/api/v1/links').set(bearer(key)).expect(200);

    await as(team).delete(`/api/workspaces/${team.workspaceId}/members/${admin.userId}`).expect(204);
    for (const [label, key] of [
      ['own key', adminOwn.body.key],
      ['machine user key they created', adminBot.body.key],
      ['owner key they rotated', rotated.body.key],
    ]) {
      const response = await t.http().get('/api/v1/links').set(bearer(key));
      expect({ label, status: response.status, code: response.body.code }).toEqual({
        label,
        status: 401,
        code: 'api_key_revoked',
      });
    }
    // Keys the remaining members created keep working.
    await t.http().get('/api/v1/links').set(bearer(untouchedOwnerKey.key)).expect(200);
    await t.http().get('/api/v1/links').set(bearer(ownerBot.key)).expect(200);
    // Coming back does not bring the old keys back.
    await invite(team, team.workspaceId, 'admin', admin);
    await t.http().get('/api/v1/links').set(bearer(adminOwn.body.key)).expect(401);
  });

  it('demoting an admin to member revokes the keys they created that act as someone else', async () => {
    const team = await signUp(t);
    const admin = await signUp(t);
    await invite(team, team.workspaceId, 'admin', admin);
    const asAdmin = (url: string) =>
      admin.agent.post(url).set('X-Workspace-Id', team.workspaceId).set('X-CSRF-Token', admin.csrf);
    const ownerKey = await createKey(team, { scopes: ['links'] });
    const adminOwn = await asAdmin('/api/settings/api-keys')
      .send({ name: 'mine', scopes: ['links'] })
      .expect(201);
    const adminBot = await asAdmin('/api/settings/api-keys')
      .send({ name: 'bot', scopes: ['links'], machineUser: true })
      .expect(201);
    const rotated = await asAdmin(`/api/settings/api-keys/${ownerKey.id}/rotate`).send({}).expect(201);

    await as(team).patch(`/api/workspaces/${team.workspaceId}/members/${admin.userId}`, { role: 'member' }).expect(200);
    await t.http().get('/api/v1/links').set(bearer(adminOwn.body.key)).expect(200);
    for (const key of [adminBot.body.key, rotated.body.key])
      expect((await t.http().get('/api/v1/links').set(bearer(key)).expect(401)).body.code).toBe('api_key_revoked');
  });

  it('removing a member stops their keys at once; a member may leave; outsiders get 403', async () => {
    const leaver = await signUp(t);
    await invite(owner, owner.workspaceId, 'admin', leaver);
    const created = await leaver.agent
      .post('/api/settings/api-keys')
      .set('X-CSRF-Token', leaver.csrf)
      .set('X-Workspace-Id', owner.workspaceId)
      .send({ name: 'leaver key', scopes: ['links'] })
      .expect(201);
    await t.http().get('/api/v1/links').set(bearer(created.body.key)).expect(200);
    await as(owner).delete(`/api/workspaces/${owner.workspaceId}/members/${leaver.userId}`).expect(204);
    expect((await t.http().get('/api/v1/links').set(bearer(created.body.key)).expect(401)).body.code).toBe(
      'api_key_revoked',
    );

    const quitter = await signUp(t);
    await invite(owner, owner.workspaceId, 'member', quitter);
    await as(quitter).delete(`/api/workspaces/${owner.workspaceId}/members/${quitter.userId}`).expect(204);
    await as(quitter).get(`/api/workspaces/${owner.workspaceId}/members`).expect(403);

    const outsider = await signUp(t);
    expect((await as(outsider).get(`/api/workspaces/${owner.workspaceId}/members`).expect(403)).body.code).toBe(
      'forbidden',
    );
    await as(outsider).get('/api/workspaces/ws_missing/members').expect(404);
    const ownerKey = (await createKey(owner, { scopes: ['api_keys'] })).key;
    expect(
      (await t.http().get(`/api/workspaces/${owner.workspaceId}/members`).set(bearer(ownerKey)).expect(403)).body.code,
    ).toBe('session_required');
  });
});
