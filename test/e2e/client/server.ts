import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../helpers/test-app';

export interface ListeningApp extends TestApp {
  /** The base URL a client is created with, e.g. http://127.0.0.1:41234 */
  url: string;
}

/** A test app on the run's database, listening on a free port of 127.0.0.1 for real clients. */
export async function startListeningApp(env: Record<string, string> = {}): Promise<ListeningApp> {
  const t = await startTestApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.http.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/** A date safely in the future (the reference page's 2025-12-31 is already past). */
export const FUTURE_EXPIRY = '2099-12-31T23:59:59Z';
