// `npm start`: the desktop app where an Electron binary exists; elsewhere the loopback host on a
// demo workspace (generated on first run), printing the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const node = process.execPath;
if (!existsSync('dist/cli.js') || !existsSync('dist/renderer/index.html')) {
  spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' });
}

const demo = resolve(process.env.AERIE_DEMO_WORKSPACE ?? '.tmp/demo/demo.aerie');
const passphrase = process.env.AERIE_PASSPHRASE ?? 'aerie demo passphrase';
const env = { ...process.env, AERIE_PASSPHRASE: passphrase };
if (!existsSync(demo)) {
  mkdirSync(resolve(demo, '..'), { recursive: true });
  console.error(`Creating the demo workspace ${demo} …`);
  const r = spawnSync(node, ['bin/aerie.js', 'demo', demo, '--customers', process.env.AERIE_DEMO_CUSTOMERS ?? '20000'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = findElectronBinary().path;

const child = electron
  ? spawn(electron, ['.', `--workspace=${demo}`], { stdio: 'inherit', env })
  : (console.log(`No Electron binary on this machine: starting the loopback host instead (demo passphrase: "${passphrase}").`),
    spawn(node, ['bin/aerie.js', 'serve', demo], { stdio: 'inherit', env }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
