/**
 * The ONNX checks of a torchvision family with batch-norm convnets (MobileNet, MNASNet): each spec's graph
 * runs in onnxruntime-node and is the network the description counts (params, acts and flops measured on
 * the graph equal complexity's; logits [1, numClasses]); with the same weights loaded into the PyTorch
 * network of `toTorchvision`, PyTorch gives the same logits (skipped, saying why, without torch and onnx);
 * batch norms carry torchvision's eps and a residual-scaled draw only where a branch ends.
 */
import { describe, expect, it } from 'vitest';
import { complexity, type ModelSpec } from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { decode, expectBatchNorms } from '../onnx/helpers.js';
import { graphComplexity } from './onnx-complexity.js';
import { expectTorchLogits, ONNX_TORCH_MISSING } from './onnx-torch.js';

/** What a family's ONNX test passes: specs are built in the tests (mutation runs switch a mutant on after collecting). */
export interface OnnxFamilyCases {
  /** Label and spec of each network whose graph must run with complexity()'s counts. */
  readonly counted: readonly (readonly [label: string, spec: () => ModelSpec])[];
  /** Label and spec of each network whose logits PyTorch must reproduce. */
  readonly logits: readonly (readonly [label: string, spec: () => ModelSpec])[];
  /** Label, spec and torchvision's batch-norm eps of each network whose norms are checked. */
  readonly batchNorms: readonly (readonly [label: string, spec: () => ModelSpec, eps: number])[];
}

/** Registers the three checks of {@link OnnxFamilyCases}. */
export function describeOnnxAgainstTorchvision(cases: OnnxFamilyCases): void {
  describe.each(cases.counted.map(([label, specOf]) => [label, specOf] as const))('%s', (_label, specOf) => {
    it('runs in onnxruntime with the complexity the walk counts', async () => {
      const spec = specOf();
      const graph = await graphComplexity(spec);
      const { flops, params, acts } = complexity(spec);
      expect({ flops: graph.flops, params: graph.params, acts: graph.acts }).toEqual({ flops, params, acts });
      expect(graph.logits).toEqual([1, spec.numClasses]);
    });
  });

  describeTorchLogits(cases.logits);

  describe("batch norms as ONNX: torchvision's eps; a residual-scaled draw only where a branch ends", () => {
    it.each(cases.batchNorms.map(([label, specOf, eps]) => [label, specOf, eps] as const))('%s', (_label, specOf, eps) => {
      expectBatchNorms(decode(toOnnx(specOf())).graph, eps);
    });
  });
}

/**
 * For each spec, ONNX Runtime gives the logits PyTorch gives with the same weights loaded into the network
 * of `toTorchvision` (skipped, saying why, without torch and onnx); `modules` names whose modules those are.
 */
export function describeTorchLogits(cases: OnnxFamilyCases['logits'], modules = "torchvision's modules"): void {
  const why = ONNX_TORCH_MISSING === null ? '' : ` (skipped: ${ONNX_TORCH_MISSING})`;
  describe.skipIf(ONNX_TORCH_MISSING !== null)(`the ONNX graph computes what ${modules} compute${why}`, () => {
    it.each(cases.map(([label, specOf]) => [label, specOf] as const))(
      '%s: ONNX Runtime gives the logits PyTorch gives with the same weights',
      async (_label, specOf) => {
        // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
        const spec = specOf();
        await expectTorchLogits(spec, toOnnx(spec, { seed: 7 }), 3);
      },
      120_000,
    );
  });
}
