export default async function globalTeardown(): Promise<void> {
  await globalThis.__KEYWARD_TEST_DB__?.drop();
}
