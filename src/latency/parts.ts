/**
 * A network cut into the parts a latency table times one by one: the stem (everything before the first
 * block), each distinct block, whatever lies between stages, and the head (everything after the last
 * block). Generic: the cuts are the block boundaries that {@link Net.blocks} reports, and each part's
 * cost key is made from its layer records (src/latency/key.ts), so no family needs code of its own.
 */
import { LatencyTableError } from '../errors.js';
import type { ModelSpec } from '../families/index.js';
import { walk } from '../network/count.js';
import type { BlockEvent, Layer, Sink } from '../network/net.js';
import { Codes, partKey, pushLayerCodes, pushShapeCodes } from './key.js';

/**
 * Where in the network a part is: the stem (before the first block), a block, whatever lies between
 * stages (a transition), or the head (after the last block).
 *
 * @example
 * ```ts
 * import type { PartKind } from 'fastscale';
 * const kinds: PartKind[] = ['stem', 'block', 'transition', 'head'];
 * ```
 */
export type PartKind = 'stem' | 'block' | 'transition' | 'head';

/** One part of a network, as a latency table keys it. */
export interface NetworkPart {
  readonly kind: PartKind;
  /** Its cost key: equal keys do equal work. */
  readonly key: string;
  /** How many times the network runs it (identical blocks of a stage are one part). */
  readonly repeats: number;
  /** Where it is, for people: `stem`, `s2 blocks 1..5`, `head`. */
  readonly label: string;
  /** Its layers, in forward order. */
  readonly layers: readonly Layer[];
}

/**
 * Receives each part as it is cut: its first `count` layers with their op codes `ops`, and `codes` (the
 * numbers of its key, see `pushLayerCodes`) and their `hash`. The layers, op codes and codes are buffers
 * reused for the next part, valid during the call only.
 */
export type PartVisitor = (
  kind: PartKind,
  repeats: number,
  label: string,
  layers: readonly Layer[],
  count: number,
  codes: Codes,
  hash: number,
  ops: Uint8Array,
) => void;

/** Cuts a walk into parts at block boundaries; the walk hands it each stage's blocks 0 and 1 only. */
class PartCutter implements Sink {
  readonly distinctBlocks = true;
  /** Layer names are not read (labels come from block scopes): the walk builds none. */
  readonly names = false;
  private count = 0;
  private depth = 0;
  private blocksSeen = false;
  private transitions = 0;

  constructor(
    private readonly visit: PartVisitor,
    private readonly codes: Codes,
    private readonly layers: Layer[],
    private ops: Uint8Array,
  ) {}

  layer(layer: Layer): void {
    if (this.count === 0) pushShapeCodes(this.codes, layer.input);
    if (this.count === this.ops.length) {
      const grown = new Uint8Array(2 * this.ops.length);
      grown.set(this.ops);
      this.ops = grown;
    }
    this.ops[this.count] = pushLayerCodes(this.codes, layer);
    this.layers[this.count++] = layer;
  }

  block(event: BlockEvent): void {
    if (event.phase === 'begin') {
      if (this.depth++ === 0) this.close(this.blocksSeen ? 'transition' : 'stem', 1, '');
      else if (event.repeats > 1) {
        // Blocks inside a block would be walked once for many: the outer block's key would miss them.
        throw new LatencyTableError('', `the network nests stages of blocks (${event.scope}); latency tables cannot key it`);
      }
      return;
    }
    if (--this.depth > 0) return;
    this.blocksSeen = true;
    const last = event.index + event.repeats - 1;
    const where = event.scope === '' ? '' : `${event.scope} `;
    this.close('block', event.repeats, last === event.index ? `${where}block ${event.index}` : `${where}blocks ${event.index}..${last}`);
  }

  /** Ends the network: what follows the last block is the head (or, without blocks, the whole network is the stem). */
  finish(): void {
    this.close(this.blocksSeen ? 'head' : 'stem', 1, '');
  }

  private close(kind: PartKind, repeats: number, label: string): void {
    if (this.count === 0) return;
    const named = label !== '' ? label : kind === 'transition' ? `transition ${++this.transitions}` : kind;
    this.visit(kind, repeats, named, this.layers, this.count, this.codes, this.codes.hash(), this.ops);
    this.count = 0;
    this.codes.length = 0;
  }
}

/** Buffers of finished walks, reused (a walk inside a visitor takes its own). */
const spare: { codes: Codes; layers: Layer[]; ops: Uint8Array }[] = [];

/** Walks a checked spec, handing each part to `visit`, in forward order. O(stages). */
export function cutNetwork(spec: ModelSpec, visit: PartVisitor): void {
  const buffers = spare.pop() ?? { codes: new Codes(), layers: [], ops: new Uint8Array(256) };
  buffers.codes.length = 0;
  try {
    const cutter = new PartCutter(visit, buffers.codes, buffers.layers, buffers.ops);
    walk(spec, cutter);
    cutter.finish();
  } finally {
    buffers.layers.fill(undefined as never); // let go of this walk's layers
    spare.push(buffers);
  }
}

/**
 * The parts of a checked spec's network, in forward order: stem, distinct blocks (each stage's block 0,
 * and block 1 standing for the rest of the stage), anything between stages, head. O(stages).
 */
export function networkParts(spec: ModelSpec): NetworkPart[] {
  const parts: NetworkPart[] = [];
  cutNetwork(spec, (kind, repeats, label, layers, count) => {
    const own = layers.slice(0, count);
    parts.push({ kind, key: partKey(own), repeats, label, layers: own });
  });
  return parts;
}
