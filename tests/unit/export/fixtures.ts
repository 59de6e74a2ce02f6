// Stored traces the export tests render: plain ASCII, Unicode (accents, CJK, emoji, a combining
// mark, U+2028, a lone surrogate, quotes and a backslash), no steps, and meta keys that collide
// with the export's own metadata keys.
import type { StoredTrace } from '../../../src/traces/types';

function stored(fields: Pick<StoredTrace, 'id' | 'prompt' | 'steps' | 'final_answer' | 'meta'>): StoredTrace {
  return {
    trace_version: '1.0',
    created_at: '2026-01-02T03:04:05.678Z',
    content_hash: 'f'.repeat(64),
    baseline_score: 50,
    step_count: fields.steps.length,
    total_chars: 0,
    meta_terms: [],
    ...fields,
  };
}

export const ADDITION = stored({
  id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  prompt: 'What is 2 + 3?',
  steps: [
    { i: 0, type: 'computation', content: '2 + 3 = 5' },
    { i: 1, type: 'check', content: '5 - 3 = 2' },
  ],
  final_answer: '5',
  meta: { source: 'reasoning_corpus', category: 'reasoning', difficulty: 1 },
});

export const UNICODE = stored({
  id: '0190a1b2-c3d4-7e5f-8a6b-000000000002',
  prompt: 'Combien font 7 × 8 ? 🤔 Say "oui" \\ non',
  steps: [
    { i: 0, type: 'note', content: 'naïve café – 日本語 e\u0301' },
    { i: 1, type: 'note', content: 'line\u2028sep and lone \ud800 half' },
  ],
  final_answer: '５６',
  meta: { langue: 'français', 表: 'はい' },
});

export const NO_STEPS = stored({
  id: '0190a1b2-c3d4-7e5f-8a6b-000000000003',
  prompt: 'Capital of France?',
  steps: [],
  final_answer: 'Paris',
  meta: null,
});

export const COLLIDING_META = stored({
  id: '0190a1b2-c3d4-7e5f-8a6b-000000000004',
  prompt: 'p',
  steps: [{ i: 0, type: 't', content: 's' }],
  final_answer: 'a',
  meta: { trace_version: '9.9', created_at: 'yesterday', format: 'mine', source_trace_id: 'x', ['__proto__']: 'kept', keep: true },
});
