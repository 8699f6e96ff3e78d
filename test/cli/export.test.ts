/**
 * `fastscale export` and `fastscale info --layers`, checked against pycls's reference counts
 * (dev/model_complexity.json) and, where torch is importable, by building the exported PyTorch code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyclsComplexity } from '../helpers/fixtures.js';
import { countTorchCode, TORCH_MISSING } from '../helpers/torch.js';
import { cli, temporaryDirectory, zooConfigPath } from './cli.js';

const complexityOf = pyclsComplexity();

describe('fastscale info --layers', () => {
  it("lists ResNet-50's modules by pycls path; the rows add up to pycls's complexity", async () => {
    const { code, stdout } = await cli(['info', 'ResNet-50', '--layers', '--json']);
    expect(code).toBe(0);
    const { layers } = JSON.parse(stdout) as { layers: { name: string; flops: number; params: number; acts: number }[] };
    // The stem: a 7x7 stride-2 conv, 3 -> 64 channels at 112x112: 7*7*3*64 = 9,408 weights.
    expect(layers[0]).toMatchObject({ name: 'stem.conv', params: 9408, flops: 9408 * 112 * 112, acts: 64 * 112 * 112 });
    const sum = (key: 'flops' | 'params' | 'acts') => layers.reduce((total, row) => total + row[key], 0);
    expect({ flops: sum('flops'), params: sum('params'), acts: sum('acts') }).toEqual(complexityOf[zooConfigPath('ResNet-50')]);
  });

  it('prints the table with the module paths', async () => {
    const { code, stdout } = await cli(['info', 'RegNetX-200MF', '--layers']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stem\.conv\s+Conv2d\s+32x112x112\s+10,838,016\s+864\s+401,408$/m);
    expect(stdout).toContain('199,040,872');
  });
});

describe('fastscale export', () => {
  it('needs a format, and -o for ONNX', async () => {
    expect((await cli(['export', 'RegNetX-200MF'])).stderr).toMatch(/missing --format/);
    expect((await cli(['export', 'RegNetX-200MF', '--format', 'onnx'])).stderr).toMatch(/--format onnx writes a binary file: give -o FILE\.onnx/);
    expect((await cli(['export', 'RegNetX-200MF', '--format', 'keras'])).code).toBe(2);
  });

  it('writes a pycls config of the model, scaled when asked', async () => {
    const { code, stdout } = await cli(['export', 'RegNetY-400MF', '--format', 'pycls', '--factor', '4']);
    expect(code).toBe(0);
    // The README's 4x dWr RegNetY-400MF: widths 80, 192, 352, 768 and depths 1, 3, 7, 7.
    expect(stdout).toMatch(/TYPE: anynet/);
    expect(stdout).toContain('DEPTHS: [1, 3, 7, 7]');
    expect(stdout).toContain('WIDTHS: [80, 192, 352, 768]');
  });

  it('writes an ONNX file', async () => {
    const { dir, remove } = temporaryDirectory();
    try {
      const { code } = await cli(['export', 'RegNetX-200MF', '--format', 'onnx', '-o', join(dir, 'm.onnx')]);
      expect(code).toBe(0);
      // An ONNX ModelProto starts with field 1 (ir_version, varint): byte 0x08.
      expect(readFileSync(join(dir, 'm.onnx'))[0]).toBe(0x08);
    } finally {
      remove();
    }
  });

  it.skipIf(TORCH_MISSING !== null)(`writes PyTorch code whose modules count as pycls counts the model${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, async () => {
    const { code, stdout } = await cli(['export', 'RegNetY-400MF', '--format', 'torchvision']);
    expect(code).toBe(0);
    expect(countTorchCode(stdout, 224).totals).toEqual(complexityOf[zooConfigPath('RegNetY-400MF')]);
  });
});
