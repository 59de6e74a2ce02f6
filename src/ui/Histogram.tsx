// A compact bar histogram whose bars are buttons: clicking (or Enter on) a bar selects its range.
import type { HistogramBar } from '../db/trace-query';
import { formatCount } from './format';

export function Histogram({
  title,
  bars,
  activeLabel,
  onSelect,
}: {
  title: string;
  bars: HistogramBar[] | null;
  activeLabel?: string;
  onSelect: (bar: HistogramBar) => void;
}) {
  const highest = Math.max(1, ...(bars ?? []).map((bar) => bar.count));
  return (
    <figure class="histogram">
      <figcaption>{title}</figcaption>
      {bars === null ? (
        <div class="histogram__bars histogram__bars--loading" aria-busy="true" />
      ) : (
        <div class="histogram__bars" role="group" aria-label={`${title} histogram`}>
          {bars.map((bar) => (
            <button
              type="button"
              key={bar.label}
              class={`histogram__bar ${activeLabel === bar.label ? 'is-active' : ''}`}
              aria-label={`${title} ${bar.label}: ${formatCount(bar.count)} traces`}
              title={`${bar.label}: ${formatCount(bar.count)}`}
              onClick={() => onSelect(bar)}
            >
              <span style={{ height: `${bar.count === 0 ? 0 : Math.max(4, (bar.count / highest) * 100)}%` }} />
            </button>
          ))}
        </div>
      )}
      {bars && bars.length > 0 && (
        <div class="histogram__axis" aria-hidden="true">
          <span>{bars[0]!.label.split('–')[0]}</span>
          <span>{bars[bars.length - 1]!.label.split('–').pop()}</span>
        </div>
      )}
    </figure>
  );
}
