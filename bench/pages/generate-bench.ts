// Generate benchmark page (driven by scripts/bench.mjs): times the real import worker's
// `generate` (the Generate screen's path: seeded generation, validation, hashing, store) for a
// reasoning corpus into an empty database.
import { deleteDatabase } from './bench-db';
import { DEFAULT_DATABASE_NAME } from '../../src/db/database';
import { startGenerate } from '../../src/features/importer/import-client';

const status = document.getElementById('status')!;

interface GenerateRun {
  ms: number;
  stored: number;
  duplicate: number;
  invalid: number;
  status: string;
  sha256: string | null;
}

declare global {
  interface Window {
    runGenerateBench(count: number, seed: number): Promise<GenerateRun>;
  }
}

window.runGenerateBench = async (count, seed) => {
  status.textContent = 'preparing';
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  status.textContent = 'generating';
  const started = performance.now();
  const { summary, manifest } = await startGenerate({ generator: 'reasoning_corpus', count, seed }, () => undefined).done;
  const ms = performance.now() - started;
  status.textContent = 'done';
  return {
    ms,
    stored: summary.stored,
    duplicate: summary.duplicate,
    invalid: summary.invalid,
    status: summary.status,
    sha256: manifest?.jsonl_sha256 ?? null,
  };
};
status.textContent = 'loaded';
