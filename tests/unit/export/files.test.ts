import { describe, expect, it } from 'vitest';
import { exportFileName, exportFilePlan } from '../../../src/export/files';

const MANIFEST = { dataset_key: 'hcd-v1', trace_ids: ['a', 'b', 'c'], split: null };

describe('exportFilePlan', () => {
  it('writes one file named after the key and format when there is no split', () => {
    expect(exportFilePlan(MANIFEST, 'tunix_sft')).toEqual([{ name: 'hcd-v1.tunix_sft.jsonl', ids: ['a', 'b', 'c'], part: 'all' }]);
    expect(exportFileName(MANIFEST, 'messages')).toBe('hcd-v1.messages.jsonl');
  });

  it('writes train.jsonl and eval.jsonl when the manifest has a split, unless told not to', () => {
    const split = { ...MANIFEST, split: { eval_fraction: 0.34, train_ids: ['a', 'c'], eval_ids: ['b'] } };
    expect(exportFilePlan(split, 'trace')).toEqual([
      { name: 'train.jsonl', ids: ['a', 'c'], part: 'train' },
      { name: 'eval.jsonl', ids: ['b'], part: 'eval' },
    ]);
    expect(exportFilePlan(split, 'trace', false)).toEqual([{ name: 'hcd-v1.trace.jsonl', ids: ['a', 'b', 'c'], part: 'all' }]);
  });
});
