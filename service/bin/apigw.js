#!/usr/bin/env node
// The apigw command. Runs the compiled service (npm run build -w service); in a source checkout
// without a build, falls back to running the TypeScript sources through tsx.
const fs = require('node:fs');
const path = require('node:path');
const compiled = path.join(__dirname, '..', 'dist', 'cli.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'src', 'cli.ts'));
}
