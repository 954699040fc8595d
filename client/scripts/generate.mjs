// Generates src/generated/schema.ts from the server's openapi.json with openapi-typescript.
// `node scripts/generate.mjs [spec] [out]`: the drift check (../scripts/check-drift.ts) runs it
// on a freshly built spec into a temporary file, so both use exactly these options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(process.argv[2] ?? join(root, '..', 'openapi.json'));
const out = resolve(process.argv[3] ?? join(root, 'src', 'generated', 'schema.ts'));

const ast = await openapiTS(pathToFileURL(spec), {
  // A property with a default (rate_limit_per_minute: 100) stays optional in requests, as the
  // server treats it; openapi-typescript 7 would otherwise make it required.
  defaultNonNullable: false,
});
const header = `/**
 * GENERATED FILE: do not edit. Written by \`npm run openapi\` (client/scripts/generate.mjs,
 * openapi-typescript) from openapi.json; \`npm test\` fails when it drifts from the server.
 */

`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, header + astToString(ast));
console.log(`wrote ${relative(process.cwd(), out) || out}`);
