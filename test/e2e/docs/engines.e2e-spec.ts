import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * `engines.node` of the package promises the Node versions `npm install` accepts: every
 * version in it must satisfy every installed package's own `engines.node`, or npm warns
 * EBADENGINE on a version the README calls supported.
 */
const ROOT = resolve(__dirname, '..', '..', '..');

interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
}

// semver is npm's and every tool's; it ships no types of its own.
const semver = createRequire(join(ROOT, 'package.json'))('semver') as {
  subset(subRange: string, superRange: string): boolean;
  validRange(range: string): string | null;
};

describe('engines: the Node versions package.json promises', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as LockFile;
  const promised = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
  ).engines.node;

  it('satisfy the engines of every package in the lock file', () => {
    expect(semver.validRange(promised)).not.toBeNull();
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path.includes('node_modules/'))
      .flatMap(([path, meta]) => {
        const node = Array.isArray(meta.engines) ? undefined : meta.engines?.node;
        if (!node || semver.validRange(node) === null) return [];
        return semver.subset(promised, node) ? [] : [`${path}@${meta.version} wants ${node}`];
      });
    expect(refusing).toEqual([]);
  });

  it('are what the README names as prerequisites', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(promised).toBe('^20.19.0 || ^22.13.0 || >=24');
    expect(readme).toContain('Node.js 20.19 or later 20.x, 22.13 or later 22.x, or 24 and newer');
  });
});
