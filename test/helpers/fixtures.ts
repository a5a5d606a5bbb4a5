import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from './test-app';
import type { PlanName } from '@app/database';

export interface SignedUpUser {
  /** A supertest agent that keeps the session cookies. */
  agent: TestAgent;
  csrf: string;
  userId: string;
  workspaceId: string;
  email: string;
  password: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

export function cookieValue(response: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((line) => line.startsWith(`${name}=`));
  return cookie?.split(';')[0].slice(name.length + 1);
}

/** Signs up through the API and returns an agent holding the session, plus the CSRF token. */
export async function signUp(testApp: TestApp, body: Record<string, unknown> = {}): Promise<SignedUpUser> {
  const agent = testApp.http();
  const email = (body.email as string) ?? uniqueEmail();
  const password = (body.password as string) ?? 'correct horse battery';
  const response = await agent
    .post('/api/auth/signup')
    .send({ email, password, ...body })
    .expect(201);
  return {
    agent,
    csrf: cookieValue(response, 'lt_csrf')!,
    userId: response.body.user.id,
    workspaceId: response.body.workspace.id,
    email,
    password,
  };
}

/** Creates an API key through the session and returns the key itself and its id. */
export async function createKey(
  user: SignedUpUser,
  body: Record<string, unknown>,
): Promise<{ key: string; id: string; body: Record<string, unknown> }> {
  const response = await user.agent
    .post('/api/settings/api-keys')
    .set('X-CSRF-Token', user.csrf)
    .set('X-Workspace-Id', user.workspaceId)
    .send({ name: 'test key', ...body })
    .expect(201);
  return { key: response.body.key, id: response.body.id, body: response.body };
}

export function bearer(key: string): { Authorization: string } {
  return { Authorization: `Bearer ${key}` };
}

/** Sets a workspace's plan directly in the database (the operator route is tested on its own). */
export async function setPlan(testApp: TestApp, workspaceId: string, plan: PlanName): Promise<void> {
  await testApp.dataSource.query('UPDATE workspaces SET plan = $1 WHERE id = $2', [plan, workspaceId]);
}
