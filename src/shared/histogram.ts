// Bin edges for histograms of numeric trace fields (step count, length, score). Pure.

export interface Bin {
  /** Inclusive lower edge. */
  lo: number;
  /** Inclusive upper edge for the last bin, exclusive otherwise. */
  hi: number;
  last: boolean;
  label: string;
}

/**
 * Up to `maxBins` equal-width bins covering [min, max]. Integer fields get integer edges, and
 * one bin per value when the range is small enough.
 */
export function makeBins(min: number, max: number, options: { integer: boolean; maxBins: number }): Bin[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (options.integer) {
    const span = max - min + 1;
    const width = Math.max(1, Math.ceil(span / options.maxBins));
    const bins: Bin[] = [];
    for (let lo = min; lo <= max; lo += width) {
      const hiInclusive = Math.min(lo + width - 1, max);
      const last = hiInclusive === max;
      bins.push({ lo, hi: last ? hiInclusive : lo + width, last, label: lo === hiInclusive ? `${lo}` : `${lo}–${hiInclusive}` });
    }
    return bins;
  }
  if (max === min) return [{ lo: min, hi: max, last: true, label: formatEdge(min) }];
  const width = (max - min) / options.maxBins;
  return Array.from({ length: options.maxBins }, (_, k) => {
    const lo = min + k * width;
    const last = k === options.maxBins - 1;
    const hi = last ? max : min + (k + 1) * width;
    return { lo, hi, last, label: `${formatEdge(lo)}–${formatEdge(hi)}` };
  });
}

function formatEdge(value: number): string {
  if (Math.abs(value) >= 1000) return `${Math.round(value / 100) / 10}k`;
  return Number.isInteger(value) ? `${value}` : value.toFixed(1);
}
