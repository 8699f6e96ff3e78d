import { describe, expect, it } from 'vitest';
import { chartFormat, type Importer, loadPeers } from '../../src/cli/chart.js';
import { UsageError } from '../../src/cli/errors.js';

describe('chartFormat', () => {
  it.each([
    [{ output: 'a.svg' }, 'svg'],
    [{ output: 'A.PNG' }, 'png'],
    [{ output: 'a.vl.json' }, 'vega-lite'],
    [{ output: 'a.vg.json' }, 'vega-lite'],
    [{ output: 'a.json' }, 'json'],
    [{ output: 'chart' }, 'svg'],
    [{ output: '-' }, 'svg'],
    [{}, 'svg'],
    [{ output: '-', format: 'png' }, 'png'],
    [{ output: 'a.txt', format: 'vega-lite' }, 'vega-lite'],
    [{ output: 'a.json', format: 'json' }, 'json'],
  ])('%j -> %s', (values, format) => {
    expect(chartFormat(values)).toBe(format);
  });

  it.each([
    [{ output: 'a.pdf' }, '-o a.pdf: .pdf is not a chart format; use .svg, .png, .vl.json or .json, or give --format'],
    [{ output: 'a.png', format: 'svg' }, '-o a.png names a png file but --format is svg: change one'],
    [{ output: '-', json: true }, '-o - and --json both write to stdout: give one'],
    [{ format: 'gif' }, '--format: "gif" is not one of svg, png, vega-lite, json'],
  ])('refuses %j', (values, message) => {
    expect(() => chartFormat(values)).toThrow(new UsageError(message));
  });
});

/** An importer where the named packages are not installed, as Node reports it. */
function without(...missing: string[]): Importer {
  return async (name) => {
    if (missing.includes(name)) {
      throw Object.assign(new Error(`Cannot find package '${name}' imported from /app/dist/cli.js`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return { name };
  };
}

describe('loadPeers', () => {
  it('returns the modules when all are installed', async () => {
    expect(await loadPeers(['vega-lite', 'vega'], 'SVG charts', without())).toEqual([{ name: 'vega-lite' }, { name: 'vega' }]);
  });

  it('names every missing package and the command that installs them, in one line', async () => {
    await expect(loadPeers(['vega-lite', 'vega', '@resvg/resvg-js'], 'PNG charts', without('@resvg/resvg-js'))).rejects.toThrow(
      new UsageError('PNG charts need @resvg/resvg-js (optional peer dependency of fastscale): run npm install @resvg/resvg-js, or write --format vega-lite or json'),
    );
    await expect(loadPeers(['vega-lite', 'vega'], 'SVG charts', without('vega-lite', 'vega'))).rejects.toThrow(
      new UsageError('SVG charts need vega-lite and vega (optional peer dependencies of fastscale): run npm install vega-lite vega, or write --format vega-lite or json'),
    );
  });

  it('passes on other failures, such as a dependency missing inside an installed package', async () => {
    const broken: Importer = async () => {
      throw Object.assign(new Error("Cannot find package 'd3-array' imported from /app/node_modules/vega/build/vega.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    await expect(loadPeers(['vega'], 'SVG charts', broken)).rejects.toThrow("Cannot find package 'd3-array'");
  });
});
