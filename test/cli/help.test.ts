import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';

const COMMANDS = ['list', 'info', 'scale', 'compare', 'plot', 'runtime', 'measure'];

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith('Usage: fastscale <command> [options]\n')).toBe(true);
    for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
  });

  it.each(COMMANDS)('%s --help prints its usage and options, exit 0', async (command) => {
    const { code, stdout, stderr } = await cli([command, '--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith(`Usage: fastscale ${command} `)).toBe(true);
    expect(stdout).toContain('Options:');
    expect(stdout).toContain('-h, --help');
  });
});
