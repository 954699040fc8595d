// npm runs `prepare` on every plain install: it builds the client and the server, so that
// `npx keyward` works from a fresh clone. The Dockerfile installs with only the package.json
// files copied, before any source: there is nothing to build yet then.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync('src/cli') && existsSync('client/src')) {
  execSync('npm run build', { stdio: 'inherit' });
}
