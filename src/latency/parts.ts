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
import { partKey } from './key.js';

/** Where in the network a part is. */
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

/** Collects a network's parts; the walk hands it each stage's blocks 0 and 1 only. */
class PartCollector implements Sink {
  readonly distinctBlocks = true;
  readonly parts: NetworkPart[] = [];
  private layers: Layer[] = [];
  private depth = 0;
  private blocksSeen = false;

  layer(layer: Layer): void {
    this.layers.push(layer);
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
  finish(): NetworkPart[] {
    this.close(this.blocksSeen ? 'head' : 'stem', 1, '');
    return this.parts;
  }

  private close(kind: PartKind, repeats: number, label: string): void {
    const layers = this.layers;
    if (layers.length === 0) return;
    this.layers = [];
    const named = label !== '' ? label : kind === 'transition' ? `before ${layers[0]!.name}` : kind;
    this.parts.push({ kind, key: partKey(layers), repeats, label: named, layers });
  }
}

/**
 * The parts of a checked spec's network, in forward order: stem, distinct blocks (each stage's block 0,
 * and block 1 standing for the rest of the stage), anything between stages, head. O(stages).
 */
export function networkParts(spec: ModelSpec): NetworkPart[] {
  const collector = new PartCollector();
  walk(spec, collector);
  return collector.finish();
}
