/**
 * PyTorch source for any network, written from its description: every module at its module path (so the
 * state dict has the description's names, pycls's or torchvision's), and a forward pass that follows the
 * description op by op. The fallback of `toTorchvision` where no torchvision class expresses a spec.
 */
import type { Layer, Sink } from '../network/net.js';

const ACTIVATIONS: Readonly<Record<string, string>> = {
  relu: 'nn.ReLU()',
  relu6: 'nn.ReLU6()',
  silu: 'nn.SiLU()',
  hardswish: 'nn.Hardswish()',
  hardsigmoid: 'nn.Hardsigmoid()',
  sigmoid: 'nn.Sigmoid()',
  gelu: 'nn.GELU()',
};

/** Writes the module tree and the forward pass of a described network. */
export class ModuleWriter implements Sink {
  /** `(path, constructor)` of modules and `(path, shape)` of parameters, in registration order. */
  private readonly registrations: string[] = [];
  private readonly forward: string[] = [];
  /** Module paths registered so far: a module used twice (torchvision's shared `relu`) is built once. */
  private readonly modules = new Set<string>();
  private readonly kept: string[] = [];
  private variables = 0;
  private current = 'x';

  layer(layer: Layer): void {
    switch (layer.op) {
      case 'conv': {
        const { channels } = layer.input;
        const args = [channels, layer.output.channels, layer.kernel, `stride=${layer.stride}`, `padding=${layer.padding}`];
        if (layer.groups !== 1) args.push(`groups=${layer.groups}`);
        args.push(`bias=${layer.bias ? 'True' : 'False'}`);
        this.call(layer.name, `nn.Conv2d(${args.join(', ')})`);
        return;
      }
      case 'norm': {
        const { channels } = layer.input;
        const eps = `eps=${String(layer.eps)}`;
        const module = layer.kind === 'batch' ? `nn.BatchNorm2d(${channels}, ${eps})` : layer.kind === 'layer' ? `nn.LayerNorm(${channels}, ${eps})` : `LayerNorm2d(${channels}, ${eps})`;
        this.call(layer.name, module);
        return;
      }
      case 'act':
        this.call(layer.name, ACTIVATIONS[layer.kind]!);
        return;
      case 'maxpool':
        this.call(layer.name, `nn.MaxPool2d(${layer.kernel}, stride=${layer.stride}, padding=${layer.padding})`);
        return;
      case 'avgpool':
        this.call(layer.name, 'nn.AdaptiveAvgPool2d(1)');
        return;
      case 'flatten':
        this.assign(`torch.flatten(${this.current}, 1)`);
        return;
      case 'linear':
        this.call(layer.name, `nn.Linear(${layer.input.channels}, ${layer.output.channels}, bias=${layer.bias ? 'True' : 'False'})`);
        return;
      case 'permute':
        this.assign(`${this.current}.permute(${layer.layout === 'channelsLast' ? '0, 2, 3, 1' : '0, 3, 1, 2'})`);
        return;
      case 'scale':
        this.parameter(layer.name, [layer.input.channels, 1, 1]);
        this.assign(`${this.current} * ${this.ref(layer.name)}`);
        return;
      case 'fork':
        this.kept.push(this.current);
        return;
      case 'swap': {
        const other = this.kept.pop()!;
        this.kept.push(this.current);
        this.current = other;
        return;
      }
      case 'merge': {
        const kept = this.kept.pop()!;
        this.assign(`${kept} ${layer.kind === 'add' ? '+' : '*'} ${this.current}`);
        return;
      }
      case 'tokens':
        this.assign(`${this.current}.flatten(2).transpose(1, 2)`);
        return;
      case 'classToken':
        this.parameter(layer.name, [1, 1, layer.input.channels]);
        this.assign(`torch.cat([${this.ref(layer.name)}.expand(${this.current}.shape[0], -1, -1), ${this.current}], dim=1)`);
        return;
      case 'positionEmbedding':
        // The forward pass is batch-first; a sequence-first embedding ([L, 1, C], pycls's) is transposed to it.
        if (layer.sequenceFirst) {
          this.parameter(layer.name, [layer.input.tokens, 1, layer.input.channels]);
          this.assign(`${this.current} + ${this.ref(layer.name)}.transpose(0, 1)`);
        } else {
          this.parameter(layer.name, [1, layer.input.tokens, layer.input.channels]);
          this.assign(`${this.current} + ${this.ref(layer.name)}`);
        }
        return;
      case 'attention':
        this.register(layer.name, `nn.MultiheadAttention(${layer.input.channels}, ${layer.heads}, batch_first=True)`);
        this.assign(`${this.ref(layer.name)}(${this.current}, ${this.current}, ${this.current}, need_weights=False)[0]`);
        return;
      case 'token':
        this.assign(layer.select === 'first' ? `${this.current}[:, 0]` : `${this.current}.mean(dim=1)`);
        return;
    }
  }

  /** The Python source: imports, helper classes, the module, and `build()`. */
  source(title: string): string {
    return `${PRELUDE}
class Network(nn.Module):
    """${title}"""

    def __init__(self):
        super().__init__()
${this.registrations.map((line) => `        ${line}`).join('\n')}

    def forward(self, x):
${this.forward.map((line) => `        ${line}`).join('\n')}
        return ${this.current}


def build():
    return Network()
`;
  }

  private call(path: string, constructor: string): void {
    this.register(path, constructor);
    this.assign(`${this.ref(path)}(${this.current})`);
  }

  private register(path: string, constructor: string): void {
    if (this.modules.has(path)) return;
    this.modules.add(path);
    this.registrations.push(`_add(self, ${JSON.stringify(path)}, ${constructor})`);
  }

  private parameter(path: string, shape: readonly number[]): void {
    this.registrations.push(`_parameter(self, ${JSON.stringify(path)}, (${shape.join(', ')}${shape.length === 1 ? ',' : ''}))`);
  }

  /** Python expression for the module or parameter at `path`. */
  private ref(path: string): string {
    return refOf(path);
  }

  private assign(expression: string): void {
    const variable = `x${this.variables++}`;
    this.forward.push(`${variable} = ${expression}`);
    this.current = variable;
  }
}

/** `self.a.b[3].c`-style access to the module or parameter at a dotted path (digits index containers). */
function refOf(path: string): string {
  return `self${path
    .split('.')
    .map((part) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? `.${part}` : `._modules[${JSON.stringify(part)}]`))
    .join('')}`;
}

const PRELUDE = `# Written by fastscale: builds the network of a fastscale spec, module by module.
import torch
import torch.nn as nn


class LayerNorm2d(nn.LayerNorm):
    """LayerNorm over the channels of an NCHW tensor (as torchvision's)."""

    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


def _container(root, names):
    for name in names:
        if name not in root._modules:
            root.add_module(name, nn.Module())
        root = root._modules[name]
    return root


def _add(root, path, module):
    *parents, name = path.split(".")
    _container(root, parents).add_module(name, module)


def _parameter(root, path, shape):
    *parents, name = path.split(".")
    _container(root, parents).register_parameter(name, nn.Parameter(torch.zeros(shape)))

`;
