/**
 * A network cut into the parts a latency table times one by one: the stem (everything before the first
 * block), each distinct block, whatever lies between stages, and the head (everything after the last
 * block). Generic: the cuts are the block boundaries that {@link Net.blocks} reports, and each part's
 * cost key is made from its layer records (src/latency/key.ts), so no family needs code of its own.
 * Prediction cuts the same parts with a walk that builds no layer records (src/latency/part-net.ts).
 */
import { LatencyTableError } from '../errors.js';
import type { ModelSpec } from '../families/index.js';
import { walk } from '../network/count.js';
import type { BlockEvent, Layer, Sink } from '../network/net.js';
import { partKey } from './key.js';

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
 * Where parts end, from the block boundaries of a walk that visits each stage's blocks 0 and 1 only
 * (block 1 standing for the rest): tells `close` the kind, repeats and label of each part that ends at
 * a boundary and has layers (`hasLayers`).
 */
export class PartBoundaries {
  private depth = 0;
  private blocksSeen = false;
  private transitions = 0;

  constructor(
    private readonly hasLayers: () => boolean,
    private readonly close: (kind: PartKind, repeats: number, label: string) => void,
  ) {}

  /** A block of `scope` begins (standing for `repeats` blocks). */
  begin(scope: string, repeats: number): void {
    if (this.depth++ === 0) {
      if (!this.hasLayers()) return;
      if (this.blocksSeen) this.close('transition', 1, `transition ${++this.transitions}`);
      else this.close('stem', 1, 'stem');
    } else if (repeats > 1) {
      // Blocks inside a block would be walked once for many: the outer block's key would miss them.
      throw new LatencyTableError('', `the network nests stages of blocks (${scope}); latency tables cannot key it`);
    }
  }

  /** Block `index` of `scope` ends (standing for `repeats` blocks). */
  end(scope: string, index: number, repeats: number): void {
    if (--this.depth > 0) return;
    this.blocksSeen = true;
    if (!this.hasLayers()) return;
    const last = index + repeats - 1;
    const where = scope === '' ? '' : `${scope} `;
    this.close('block', repeats, last === index ? `${where}block ${index}` : `${where}blocks ${index}..${last}`);
  }

  /** Ends the network: what follows the last block is the head (or, without blocks, the whole network is the stem). */
  finish(): void {
    if (this.hasLayers()) this.close(this.blocksSeen ? 'head' : 'stem', 1, this.blocksSeen ? 'head' : 'stem');
  }
}

/** Collects a walk's layers into parts at block boundaries; the walk hands it each stage's blocks 0 and 1 only. */
class PartCutter implements Sink {
  readonly distinctBlocks = true;
  /** Layer names are not read (labels come from block scopes): the walk builds none. */
  readonly names = false;
  readonly parts: NetworkPart[] = [];
  private layers: Layer[] = [];
  readonly boundaries = new PartBoundaries(
    () => this.layers.length > 0,
    (kind, repeats, label) => {
      this.parts.push({ kind, key: partKey(this.layers), repeats, label, layers: this.layers });
      this.layers = [];
    },
  );

  layer(layer: Layer): void {
    this.layers.push(layer);
  }

  block(event: BlockEvent): void {
    if (event.phase === 'begin') this.boundaries.begin(event.scope, event.repeats);
    else this.boundaries.end(event.scope, event.index, event.repeats);
  }
}

/**
 * The parts of a checked spec's network, in forward order: stem, distinct blocks (each stage's block 0,
 * and block 1 standing for the rest of the stage), anything between stages, head. O(stages).
 */
export function networkParts(spec: ModelSpec): NetworkPart[] {
  const cutter = new PartCutter();
  walk(spec, cutter);
  cutter.boundaries.finish();
  return cutter.parts;
}
