// Which files an export of a dataset writes, and which manifest ids go in each: one file, or
// `train.jsonl` and `eval.jsonl` when the manifest has a split. Must never render or fetch.
import type { DatasetManifest } from '../datasets/types';
import type { ExportFormat } from './formats';

export interface ExportFile {
  /** A plain file name ([a-z0-9._-]): the dataset key is already sanitized. */
  name: string;
  /** The ids to write, in manifest order. */
  ids: readonly string[];
  part: 'all' | 'train' | 'eval';
}

/** `{dataset_key}.{format}.jsonl` for a whole dataset. */
export function exportFileName(manifest: Pick<DatasetManifest, 'dataset_key'>, format: ExportFormat): string {
  return `${manifest.dataset_key}.${format}.jsonl`;
}

/** The files of an export: split parts when the manifest has a split and `useSplit` is not false. */
export function exportFilePlan(
  manifest: Pick<DatasetManifest, 'dataset_key' | 'trace_ids' | 'split'>,
  format: ExportFormat,
  useSplit = true,
): ExportFile[] {
  if (useSplit && manifest.split) {
    return [
      { name: 'train.jsonl', ids: manifest.split.train_ids, part: 'train' },
      { name: 'eval.jsonl', ids: manifest.split.eval_ids, part: 'eval' },
    ];
  }
  return [{ name: exportFileName(manifest, format), ids: manifest.trace_ids, part: 'all' }];
}
