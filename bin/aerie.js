#!/usr/bin/env node
// Entry for `npx aerie`: runs the built CLI bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// No onnxruntime telemetry in this process, its worker threads or its children (engine/embed/runtime-env.ts).
process.env.ORT_DISABLE_TELEMETRY = '1';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('aerie: not built yet. Run `npm run build` (npm ci does it for you).\n');
  process.exit(1);
}
await import(cli);
