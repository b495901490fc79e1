// electron-builder.yml: parses, passes electron-builder's own schema validation, and keeps the
// offline-installer promises (no publish, no updater, natives unpacked, models as resources).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  extraResources?: { from: string; to: string }[];
  npmRebuild?: boolean;
  publish?: unknown;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  nsis?: { differentialPackage?: boolean };
}

const text = readFileSync('electron-builder.yml', 'utf8');
const cfg = yaml.load(text) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('parses as YAML into an object', () => {
    expect(typeof cfg).toBe('object');
    expect(cfg.appId).toMatch(/^[a-z0-9.-]+$/i);
    expect(cfg.productName).toBe('Aerie');
  });

  it("passes electron-builder's own configuration validation", async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, file: string, extra: null): Promise<unknown>;
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds offline installers for Linux and Windows', () => {
    expect(cfg.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
    expect(cfg.win?.target).toEqual(['nsis']);
  });

  it('never publishes or updates', () => {
    expect(cfg.publish).toBeNull();
    expect(cfg.nsis?.differentialPackage).toBe(false);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('electron-updater');
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('packs dist, package.json and bin into asar and unpacks native modules', () => {
    expect(cfg.asar).toBe(true);
    expect(cfg.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'bin/**']));
    const unpack = (cfg.asarUnpack ?? []).join('\n');
    for (const mod of ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'onnxruntime-node']) expect(unpack).toContain(mod);
    expect(cfg.asarUnpack).toContain('**/*.node');
    expect(cfg.npmRebuild).toBe(true);
  });

  it('ships models/ as extra resources', () => {
    expect(cfg.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'models', to: 'models' })]));
  });

  it('flips the hardening fuses', () => {
    expect(cfg.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});
