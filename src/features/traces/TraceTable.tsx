// The virtualized trace table: only the rows in view (plus a margin) exist in the DOM, and
// their records are fetched by id for that window only, so 100,000+ traces scroll smoothly.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredTrace } from '../../traces/types';
import { appDatabase } from '../../db/database';
import { getTraces } from '../../db/trace-store';
import { hrefFor } from '../../app/router';
import { firstLine, formatDate } from '../../ui/format';

const ROW_HEIGHT = 40;
const OVERSCAN = 10;

function sourceOf(trace: StoredTrace): string {
  const source = trace.meta?.['source'];
  return typeof source === 'string' || typeof source === 'number' ? String(source) : '—';
}

export function TraceTable({
  ids,
  dataVersion,
  selected,
  onToggle,
}: {
  ids: string[];
  dataVersion: number;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const cache = useRef(new Map<string, StoredTrace | null>());
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [, setLoaded] = useState(0);

  useEffect(() => {
    cache.current.clear();
    setLoaded((n) => n + 1);
  }, [dataVersion]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ids.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const windowIds = ids.slice(first, last);
  const firstRowsShown = useRef(false);
  useEffect(() => {
    if (!firstRowsShown.current && windowIds.some((id) => cache.current.get(id))) {
      firstRowsShown.current = true;
      performance.mark('traces:first-rows');
    }
  });

  useEffect(() => {
    const missing = windowIds.filter((id) => !cache.current.has(id));
    if (missing.length === 0) return;
    let cancelled = false;
    void getTraces(appDatabase(), missing).then((traces) => {
      if (cancelled) return;
      missing.forEach((id, k) => cache.current.set(id, traces[k] ?? null));
      if (cache.current.size > 5_000) {
        const keep = new Set(windowIds);
        for (const key of cache.current.keys()) if (!keep.has(key)) cache.current.delete(key);
      }
      setLoaded((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [first, last, ids, dataVersion]);

  return (
    <div class="trace-table" role="table" aria-label="Traces" aria-rowcount={ids.length + 1}>
      <div class="trace-row trace-row--head" role="row" aria-rowindex={1}>
        <span role="columnheader" class="col-select">
          <span class="visually-hidden">Select</span>
        </span>
        <span role="columnheader" class="col-prompt">Prompt</span>
        <span role="columnheader" class="col-num">Steps</span>
        <span role="columnheader" class="col-answer">Final answer</span>
        <span role="columnheader" class="col-source">Source</span>
        <span role="columnheader" class="col-num">Score</span>
        <span role="columnheader" class="col-date">Created</span>
      </div>
      <div class="trace-table__viewport" ref={viewport} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: `${ids.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {windowIds.map((id, k) => {
            const index = first + k;
            const trace = cache.current.get(id);
            return (
              <div
                key={id}
                class={`trace-row ${selected.has(id) ? 'is-selected' : ''}`}
                role="row"
                aria-rowindex={index + 2}
                style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
              >
                <span role="cell" class="col-select">
                  <input type="checkbox" checked={selected.has(id)} onChange={() => onToggle(id)} aria-label={`Select trace ${index + 1}`} />
                </span>
                {trace ? (
                  <>
                    <span role="cell" class="col-prompt">
                      <a href={hrefFor({ name: 'trace', id })}>{firstLine(trace.prompt) || '(empty)'}</a>
                    </span>
                    <span role="cell" class="col-num">{trace.step_count}</span>
                    <span role="cell" class="col-answer">{firstLine(trace.final_answer, 80)}</span>
                    <span role="cell" class="col-source">{sourceOf(trace)}</span>
                    <span role="cell" class="col-num">{trace.baseline_score.toFixed(1)}</span>
                    <span role="cell" class="col-date">{formatDate(trace.created_at)}</span>
                  </>
                ) : (
                  <span role="cell" class="col-loading">{trace === null ? 'deleted' : 'loading…'}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
