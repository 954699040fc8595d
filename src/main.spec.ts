import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The node flags a launch line passes before dist/src/main.js. */
function nodeFlags(command: string): string[] {
  const match = /\bnode\s+(.*?)\s*dist\/src\/main\.js/.exec(command);
  if (!match) throw new Error(`no "node … dist/src/main.js" in ${command}`);
  return match[1].split(/\s+/).filter(Boolean);
}

describe('how the service is launched', () => {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));

  it('caps the heap in start:prod (the bench runs the service with these flags)', () => {
    expect(nodeFlags(scripts['start:prod'])).toContain('--max-old-space-size=192');
  });

  it('passes the same node flags from npm start and from the Docker image', () => {
    const prod = nodeFlags(scripts['start:prod']);
    expect(nodeFlags(scripts.start)).toEqual(prod);
    expect(dockerCmd).not.toBeNull();
    expect(nodeFlags((JSON.parse(dockerCmd![1]) as string[]).join(' '))).toEqual(prod);
  });
});
