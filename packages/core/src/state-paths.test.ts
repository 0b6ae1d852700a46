import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveConfigPath, resolveStateDir } from './state-paths.js';

describe('state paths', () => {
  test('resolveStateDir: RUSTY_CLAW_STATE_DIR (with ~ expansion) or ~/.rusty-claw', () => {
    expect(resolveStateDir({ HOME: '/home/u' })).toBe('/home/u/.rusty-claw');
    expect(resolveStateDir({ HOME: '/home/u', RUSTY_CLAW_STATE_DIR: '/srv/claw' })).toBe('/srv/claw');
    expect(resolveStateDir({ HOME: '/home/u', RUSTY_CLAW_STATE_DIR: '~/claw' })).toBe('/home/u/claw');
    expect(resolveStateDir({ HOME: '/home/u', RUSTY_CLAW_STATE_DIR: '  ' })).toBe('/home/u/.rusty-claw');
    expect(resolveStateDir({ HOME: '/home/u', RUSTY_CLAW_STATE_DIR: 'rel' })).toBe(join(process.cwd(), 'rel'));
  });

  test('resolveConfigPath: --config, then RUSTY_CLAW_CONFIG_PATH, then <stateDir>/rusty-claw.json', () => {
    const env = { HOME: '/home/u', RUSTY_CLAW_CONFIG_PATH: '/etc/claw.json5' };
    expect(resolveConfigPath({ env, explicit: '~/x.json' })).toBe('/home/u/x.json');
    expect(resolveConfigPath({ env })).toBe('/etc/claw.json5');
    expect(resolveConfigPath({ env: { HOME: '/home/u' }, stateDir: '/state' })).toBe('/state/rusty-claw.json');
    expect(resolveConfigPath({ env: { HOME: '/home/u' } })).toBe('/home/u/.rusty-claw/rusty-claw.json');
    expect(resolveConfigPath({ env: { HOME: '/home/u', RUSTY_CLAW_STATE_DIR: '/s' } })).toBe('/s/rusty-claw.json');
  });
});
