// Where a bundled worker script lives: beside the running bundle (dist/), or in the repo's dist/
// when the engine runs from source (tests). Worker threads need a built file either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function bundledScript(name: string, from: string): string {
  for (const rel of [`./${name}`, `../../dist/${name}`]) {
    const p = fileURLToPath(new URL(rel, from));
    if (existsSync(p)) return p;
  }
  throw new Error(`The bundle ${name} is missing: run \`npm run build\` first.`);
}
