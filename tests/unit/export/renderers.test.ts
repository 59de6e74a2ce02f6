import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../src/export/formats';
import { renderLine, renderRecord } from '../../../src/export/renderers';
import { parseTraceRecord } from '../../../src/traces/records';
import { ADDITION, COLLIDING_META, NO_STEPS, UNICODE } from './fixtures';

// Expected lines are written out by hand: String.raw keeps JSON's own escapes (\n, \", \\, \u) as
// they appear in the file, and every line ends with one real line feed.
const line = (json: string): string => `${json}\n`;
const SYSTEM = { systemInstruction: 'You are a careful tutor.' };
// Characters that look like others or are invisible, put in by escape so the source shows them.
const E_ACUTE_DECOMPOSED = 'e\u0301';
const LINE_SEPARATOR = '\u2028';

describe('trace format', () => {
  it('writes id, prompts, trace_steps, final_answer, metadata with created_at and trace_version first', () => {
    expect(renderLine('trace', ADDITION)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","prompts":"What is 2 + 3?","trace_steps":[{"i":0,"type":"computation","content":"2 + 3 = 5"},{"i":1,"type":"check","content":"5 - 3 = 2"}],"final_answer":"5","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","source":"reasoning_corpus","category":"reasoning","difficulty":1}}`),
    );
  });

  it('ignores the system instruction and writes a trace without steps or meta', () => {
    expect(renderLine('trace', NO_STEPS, SYSTEM)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000003","prompts":"Capital of France?","trace_steps":[],"final_answer":"Paris","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0"}}`),
    );
  });

  it('keeps the record its own trace_version and created_at when meta has keys of those names', () => {
    expect(renderLine('trace', COLLIDING_META)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000004","prompts":"p","trace_steps":[{"i":0,"type":"t","content":"s"}],"final_answer":"a","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","format":"mine","source_trace_id":"x","__proto__":"kept","keep":true}}`),
    );
  });

  it('writes Unicode as itself, escaping only quotes, backslashes and the lone surrogate', () => {
    expect(renderLine('trace', UNICODE)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000002","prompts":"Combien font 7 × 8 ? 🤔 Say \"oui\" \\ non","trace_steps":[{"i":0,"type":"note","content":"naïve café – 日本語 ${E_ACUTE_DECOMPOSED}"},{"i":1,"type":"note","content":"line${LINE_SEPARATOR}sep and lone \ud800 half"}],"final_answer":"５６","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","langue":"français","表":"はい"}}`),
    );
  });
});

describe('trace format round trip', () => {
  it('imports back to the same record, with the exported id as the original id', () => {
    for (const trace of [ADDITION, UNICODE]) {
      const parsed = parseTraceRecord(renderLine('trace', trace).trimEnd(), 1);
      expect(parsed).toEqual({
        ok: true,
        originalId: trace.id,
        trace: { trace_version: trace.trace_version, prompt: trace.prompt, steps: trace.steps, final_answer: trace.final_answer, meta: trace.meta },
      });
    }
  });
});

describe('tunix_sft format', () => {
  it('renders the Gemma template with numbered reasoning and the answer', () => {
    expect(renderLine('tunix_sft', ADDITION)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","prompts":"<start_of_turn>user\nWhat is 2 + 3?<end_of_turn>\n<start_of_turn>model\nReasoning:\n1. 2 + 3 = 5\n2. 5 - 3 = 2\nAnswer: 5<end_of_turn>","final_answer":"5","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","format":"tunix_sft","source":"reasoning_corpus","category":"reasoning","difficulty":1}}`),
    );
  });

  it('puts the system instruction first inside the user turn', () => {
    expect(renderLine('tunix_sft', ADDITION, SYSTEM)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","prompts":"<start_of_turn>user\nYou are a careful tutor.\n\nWhat is 2 + 3?<end_of_turn>\n<start_of_turn>model\nReasoning:\n1. 2 + 3 = 5\n2. 5 - 3 = 2\nAnswer: 5<end_of_turn>","final_answer":"5","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","format":"tunix_sft","source":"reasoning_corpus","category":"reasoning","difficulty":1}}`),
    );
  });

  it('leaves out the Reasoning block when the trace has no steps', () => {
    expect(renderLine('tunix_sft', NO_STEPS)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000003","prompts":"<start_of_turn>user\nCapital of France?<end_of_turn>\n<start_of_turn>model\nAnswer: Paris<end_of_turn>","final_answer":"Paris","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","format":"tunix_sft"}}`),
    );
  });

  it('keeps format: tunix_sft when meta has its own format key', () => {
    const record = renderRecord('tunix_sft', COLLIDING_META);
    expect(Object.keys(record.metadata)).toEqual(['created_at', 'trace_version', 'format', 'source_trace_id', '__proto__', 'keep']);
    expect(record.metadata['format']).toBe('tunix_sft');
  });

  it('writes Unicode prompts and steps inside the template', () => {
    expect(renderLine('tunix_sft', UNICODE)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000002","prompts":"<start_of_turn>user\nCombien font 7 × 8 ? 🤔 Say \"oui\" \\ non<end_of_turn>\n<start_of_turn>model\nReasoning:\n1. naïve café – 日本語 ${E_ACUTE_DECOMPOSED}\n2. line${LINE_SEPARATOR}sep and lone \ud800 half\nAnswer: ５６<end_of_turn>","final_answer":"５６","metadata":{"created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","format":"tunix_sft","langue":"français","表":"はい"}}`),
    );
  });
});

describe('training_example format', () => {
  it('writes the prompt with the reasoning request and the source trace id first in metadata', () => {
    expect(renderLine('training_example', ADDITION)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","prompt":"What is 2 + 3?\n\nPlease show your reasoning steps.","response":"Reasoning:\n1. 2 + 3 = 5\n2. 5 - 3 = 2\nAnswer: 5","metadata":{"source_trace_id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0","source":"reasoning_corpus","category":"reasoning","difficulty":1}}`),
    );
  });

  it('puts the system instruction before the prompt and answers alone without steps', () => {
    expect(renderLine('training_example', NO_STEPS, SYSTEM)).toBe(
      line(String.raw`{"id":"0190a1b2-c3d4-7e5f-8a6b-000000000003","prompt":"You are a careful tutor.\n\nCapital of France?\n\nPlease show your reasoning steps.","response":"Answer: Paris","metadata":{"source_trace_id":"0190a1b2-c3d4-7e5f-8a6b-000000000003","created_at":"2026-01-02T03:04:05.678Z","trace_version":"1.0"}}`),
    );
  });
});

describe('prompt_completion format', () => {
  it('cuts right after <start_of_turn>model\\n', () => {
    expect(renderLine('prompt_completion', ADDITION)).toBe(
      line(String.raw`{"prompt":"<start_of_turn>user\nWhat is 2 + 3?<end_of_turn>\n<start_of_turn>model\n","completion":"Reasoning:\n1. 2 + 3 = 5\n2. 5 - 3 = 2\nAnswer: 5<end_of_turn>"}`),
    );
  });

  it('handles the system instruction, no steps and Unicode', () => {
    expect(renderLine('prompt_completion', NO_STEPS, SYSTEM)).toBe(
      line(String.raw`{"prompt":"<start_of_turn>user\nYou are a careful tutor.\n\nCapital of France?<end_of_turn>\n<start_of_turn>model\n","completion":"Answer: Paris<end_of_turn>"}`),
    );
    expect(renderLine('prompt_completion', UNICODE)).toBe(
      line(String.raw`{"prompt":"<start_of_turn>user\nCombien font 7 × 8 ? 🤔 Say \"oui\" \\ non<end_of_turn>\n<start_of_turn>model\n","completion":"Reasoning:\n1. naïve café – 日本語 ${E_ACUTE_DECOMPOSED}\n2. line${LINE_SEPARATOR}sep and lone \ud800 half\nAnswer: ５６<end_of_turn>"}`),
    );
  });
});

describe('messages format', () => {
  it('writes a user and an assistant message', () => {
    expect(renderLine('messages', ADDITION)).toBe(
      line(String.raw`{"messages":[{"role":"user","content":"What is 2 + 3?"},{"role":"assistant","content":"Reasoning:\n1. 2 + 3 = 5\n2. 5 - 3 = 2\nAnswer: 5"}]}`),
    );
  });

  it('folds the system instruction into the user message', () => {
    expect(renderLine('messages', NO_STEPS, SYSTEM)).toBe(
      line(String.raw`{"messages":[{"role":"user","content":"You are a careful tutor.\n\nCapital of France?"},{"role":"assistant","content":"Answer: Paris"}]}`),
    );
  });

  it('writes Unicode content as itself', () => {
    expect(renderLine('messages', UNICODE)).toBe(
      line(String.raw`{"messages":[{"role":"user","content":"Combien font 7 × 8 ? 🤔 Say \"oui\" \\ non"},{"role":"assistant","content":"Reasoning:\n1. naïve café – 日本語 ${E_ACUTE_DECOMPOSED}\n2. line${LINE_SEPARATOR}sep and lone \ud800 half\nAnswer: ５６"}]}`),
    );
  });
});

describe('every format', () => {
  it.each(EXPORT_FORMATS)('%s gives one line of well-formed UTF-8 JSON that parses back to its record', (format) => {
    for (const trace of [ADDITION, UNICODE, NO_STEPS, COLLIDING_META]) {
      const text = renderLine(format, trace);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.slice(0, -1)).not.toContain('\n');
      const bytes = new TextEncoder().encode(text);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(text);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(renderRecord(format, trace))));
    }
  });

  it.each(EXPORT_FORMATS)('%s is the same bytes on every call and does not change the trace', (format) => {
    const before = JSON.stringify(UNICODE);
    expect(renderLine(format, UNICODE, SYSTEM)).toBe(renderLine(format, UNICODE, SYSTEM));
    expect(JSON.stringify(UNICODE)).toBe(before);
  });
});
