/**
 * "Did you mean" suggestions: the candidates nearest a name by edit distance, with the work bounded whatever
 * the name's length (a name of ten million characters once took 17 s).
 */

/**
 * Characters of a name compared with the candidates: names (zoo models, commands) are far shorter, and a
 * longer input is compared by its start.
 */
export const MAX_COMPARED_NAME_LENGTH = 256;

/**
 * Edit distance (insertions, deletions, substitutions) of two lowercase strings, or `limit + 1` when it
 * exceeds `limit`: only cells within `limit` of the diagonal can stay at or below it, so the work is
 * O(min(|a|, |b|) * limit).
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : over));
  for (let i = 1; i <= a.length; i++) {
    const current = Array<number>(b.length + 1).fill(over);
    current[0] = i <= limit ? i : over;
    let best = current[0];
    const [from, to] = [Math.max(1, i - limit), Math.min(b.length, i + limit)];
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(over, previous[j]! + 1, current[j - 1]! + 1, substitution);
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return over; // every path already costs more
    previous = current;
  }
  return Math.min(over, previous[b.length]!);
}

/**
 * The `count` candidates closest to `name` by case-insensitive edit distance, closest first (ties in the
 * candidates' order). Only the first {@link MAX_COMPARED_NAME_LENGTH} characters of `name` are compared.
 */
export function closest(name: string, candidates: readonly string[], count = 3): string[] {
  const probe = name.slice(0, MAX_COMPARED_NAME_LENGTH).toLowerCase();
  const ranked: { readonly candidate: string; readonly d: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // Anything beyond the current count-th best cannot enter the list: compute only up to it.
    const limit = ranked.length < count ? Math.max(probe.length, lower.length) : ranked[count - 1]!.d;
    const d = boundedDistance(probe, lower, limit);
    if (d > limit && ranked.length >= count) continue;
    const at = ranked.findIndex((entry) => entry.d > d);
    ranked.splice(at === -1 ? ranked.length : at, 0, { candidate, d });
    ranked.length = Math.min(ranked.length, count);
  }
  return ranked.map((entry) => entry.candidate);
}
