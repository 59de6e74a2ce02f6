// Collects the learnability experiments (bench/learn.ts eval outputs and run.json files) into
// bench/results/learn-eval_v2.json: one entry per evaluated model with its score, Wilson 95%
// interval, format compliance, per-section and per-category counts, and the training budget
// that produced it (steps, padded positions, completion tokens), plus the BENCH.md metric ids.
//   npx tsx bench/learn-report.ts <label>=<eval.json>[@<run.json>:<step>] ... --out <file> [--base <label> --trained <label>]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Scorecard } from '../src/evaluate/scorecard';

interface Entry {
  label: string;
  eval_file: string;
  n_correct: number | null;
  n_items: number;
  score: number | null;
  ci95: [number, number] | null;
  format_compliance: number | null;
  by_section: Record<string, string>;
  by_category: Record<string, string>;
  training?: Record<string, unknown>;
}

function counts(groups: Record<string, { n_correct: number | null; n_scored: number }>): Record<string, string> {
  return Object.fromEntries(Object.entries(groups).map(([name, s]) => [name, `${s.n_correct}/${s.n_scored}`]));
}

/** The budget a snapshot at `step` of a run had: the share of the run's positions up to it. */
function trainingOf(runFile: string, step: number): Record<string, unknown> {
  const run = JSON.parse(readFileSync(runFile, 'utf8')) as { init: string; steps: number; positions: number; completion_tokens: number; train_config: Record<string, unknown>; snapshots: { step: number; held_out_completion_loss: number }[] };
  const snapshot = run.snapshots.find((s) => s.step === step);
  return {
    run: runFile,
    init: run.init,
    step,
    // Batches are drawn i.i.d. from one shuffled epoch, so positions grow linearly in expectation.
    positions: Math.round((run.positions * step) / run.steps),
    completion_tokens: Math.round((run.completion_tokens * step) / run.steps),
    learning_rate: run.train_config.learning_rate,
    batch_size: run.train_config.batch_size,
    held_out_completion_loss: snapshot?.held_out_completion_loss ?? null,
  };
}

/** BENCH.md's eval ids (as node_wasm: the app's own run in Chromium has the plain ids) for a base and a trained entry. */
function benchMetrics(entries: Entry[], baseLabel: string, trainedLabel: string) {
  const find = (label: string) => {
    const entry = entries.find((e) => e.label === label);
    if (!entry) throw new Error(`learn-report: no entry labelled ${label}`);
    return entry;
  };
  const [base, trained] = [find(baseLabel), find(trainedLabel)];
  const points = (e: Entry) => Math.round((e.score ?? 0) * 1000) / 10;
  return [
    { id: 'eval.eval_v2.node_wasm.base_score', value: points(base), unit: '%' },
    { id: 'eval.eval_v2.node_wasm.trained_score', value: points(trained), unit: '%', bar: '>= base + 20, 95% intervals apart' },
    { id: 'eval.eval_v2.node_wasm.format_compliance', value: Math.round((trained.format_compliance ?? 0) * 100) / 100, unit: 'ratio' },
    { id: 'eval.eval_v2.node_wasm.completion_loss', value: Math.round(Number(trained.training?.held_out_completion_loss ?? NaN) * 1000) / 1000, unit: 'nats/token' },
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const out = flag('out') as string;
  const baseLabel = flag('base');
  const trainedLabel = flag('trained');
  const specs = args;
  const entries: Entry[] = specs.map((spec) => {
    const [label, rest] = spec.split('=') as [string, string];
    const [evalFile, runPart] = rest.split('@') as [string, string | undefined];
    const { scorecard } = JSON.parse(readFileSync(evalFile, 'utf8')) as { scorecard: Scorecard };
    const entry: Entry = {
      label, eval_file: evalFile, n_correct: scorecard.n_correct, n_items: scorecard.n_items, score: scorecard.primary_score,
      ci95: scorecard.ci95, format_compliance: scorecard.format_compliance,
      by_section: counts(scorecard.by_section), by_category: counts(scorecard.by_category),
    };
    if (runPart) {
      const [runFile, step] = runPart.split(':') as [string, string];
      entry.training = trainingOf(runFile, Number(step));
    }
    return entry;
  });
  const result = {
    name: 'learn-eval_v2',
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    machine: { cores: 2, backend: 'node_wasm', threads: 1, judge: 'normalized', evalset: 'evalsets/eval_v2' },
    entries,
    ...(baseLabel && trainedLabel ? { metrics: benchMetrics(entries, baseLabel, trainedLabel) } : {}),
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  for (const e of entries) {
    console.log(`${e.label.padEnd(28)} ${String(e.n_correct).padStart(3)}/${e.n_items}  [${e.ci95?.map((x) => (x * 100).toFixed(1)).join(', ')}]  format ${((e.format_compliance ?? 0) * 100).toFixed(0)}%`);
  }
}

main();
