#!/usr/bin/env -S node --min-semi-space-size=16
// The apigw command. Runs the compiled service (npm run build -w service); in a source checkout
// without a build, falls back to running the TypeScript sources through tsx.
// The shebang's flag keeps V8's young generation from shrinking while the gateway is idle, which
// would make the next burst of traffic pay for extra garbage collection (src/shared/young-generation.ts).
// It works only when node starts, so run this file directly (`apigw serve`, `service/bin/apigw.js serve`);
// `apigw serve` warns when it was started without it.
// The proxy allocates short-lived objects per request. In a process with a large heap, V8's
// allocation-site pretenuring can take their sites for long-lived ones and allocate them straight
// in the old generation: measured here, scavenges then take ~5 ms instead of ~1 ms, the old
// generation grows ~26 MB/s between full GCs, and each request costs ~3 µs more. The flag governs
// code compiled after it, so it is set before anything else loads.
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
const fs = require('node:fs');
const path = require('node:path');
const compiled = path.join(__dirname, '..', 'dist', 'cli.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'src', 'cli.ts'));
}
