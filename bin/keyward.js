#!/usr/bin/env node
'use strict';
// The `keyward` command: loads the compiled command line (src/cli), which `npm install`
// builds through the root package's prepare script.
const { join } = require('node:path');

let cli;
try {
  cli = require(join(__dirname, '..', 'dist', 'src', 'cli', 'main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('keyward: the command line is not built yet: run `npm run build`\n');
    process.exit(1);
  }
  throw err;
}
cli.run(process.argv).then((status) => {
  process.exitCode = status;
});
