// The run screens' view of one run: its manifest, metrics and log lines, read from the store and
// kept current from change notices (this tab's worker and any other tab write them). New metrics
// and lines are read incrementally (the last few steps again, for held-out losses that land later); a resumed run (whose steps after its checkpoint were
// recomputed) or a deleted one is read again whole. At most one refresh is in flight.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { getRun, readLogs, readMetrics } from '../../db/runs-repository';
import type { LogRecord, MetricRecord, RunManifest } from '../../runs/types';

export interface LiveRun {
  /** undefined while loading, null when there is no such run. */
  run: RunManifest | null | undefined;
  metrics: MetricRecord[];
  logs: LogRecord[];
}

export function useLiveRun(runId: string | null): LiveRun {
  const [state, setState] = useState<LiveRun>({ run: undefined, metrics: [], logs: [] });
  useEffect(() => {
    if (runId === null) {
      setState({ run: null, metrics: [], logs: [] });
      return;
    }
    const db = appDatabase();
    let current: LiveRun = { run: undefined, metrics: [], logs: [] };
    let stopped = false;
    let running = false;
    let again = false;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const run = (await getRun(db, runId)) ?? null;
          const restart = run === null || current.run?.resumed_count !== run.resumed_count;
          const metrics = restart ? [] : current.metrics;
          const logs = restart ? [] : current.logs;
          // Re-read the last few steps too: a held-out loss lands on a step after its metric.
          const from = Math.max(0, (metrics.at(-1)?.step ?? 0) - 3);
          const fresh = run ? await readMetrics(db, runId, from) : [];
          let keep = metrics.length;
          while (keep > 0 && metrics[keep - 1]!.step > from) keep -= 1;
          const merged = fresh.length > 0 || keep < metrics.length ? [...metrics.slice(0, keep), ...fresh] : metrics;
          const newLogs = run ? await readLogs(db, runId, logs.at(-1)?.seq ?? 0) : [];
          current = { run, metrics: merged, logs: newLogs.length > 0 ? [...logs, ...newLogs] : logs };
          if (!stopped) setState(current);
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };
    void refresh();
    const stop = onDatabaseChange((table) => table === 'runs' && void refresh());
    return () => {
      stopped = true;
      stop();
    };
  }, [runId]);
  return state;
}
