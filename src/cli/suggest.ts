/**
 * "Did you mean" for the command line: only candidates a person plausibly meant (a typo or two, a swapped
 * pair of letters, a prefix), so that `fastscale export` suggests nothing rather than `plot`.
 */

/** Inputs longer than this get no suggestion: the distance costs length squared, and no name is that long. */
const MAX_INPUT_LENGTH = 64;

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
 * case-insensitive.
 */
export function typoDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** How many edits still count as a typo of a word of this length: 1 up to 5 letters, then 1 per 3 letters. */
function allowedEdits(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/**
 * The candidates `input` plausibly stands for, closest first (at most `count`): those within a few edits
 * (see {@link typoDistance}), and those it is a prefix of (2 letters or more). Empty when none is.
 */
export function plausible(input: string, candidates: readonly string[], count = 3): string[] {
  if (input.length === 0 || input.length > MAX_INPUT_LENGTH) return [];
  const lower = input.toLowerCase();
  return candidates
    .map((candidate) => {
      const prefix = input.length >= 2 && candidate.toLowerCase().startsWith(lower);
      const distance = Math.abs(candidate.length - input.length) > allowedEdits(input.length) && !prefix ? Infinity : typoDistance(input, candidate);
      return { candidate, distance: prefix ? Math.min(distance, 0.5) : distance };
    })
    .filter(({ distance }) => distance <= allowedEdits(input.length))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}
