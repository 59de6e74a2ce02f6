// One pure renderer per export format: a stored trace in, one plain JSON-ready object out, and
// `renderLine` for the JSONL line (JSON.stringify + "\n"; non-ASCII characters are written as
// themselves, lone surrogates as \u escapes). Key order is part of each format and is fixed
// here. Must never read storage, the clock or randomness: the same trace gives the same bytes.
import type { StoredTrace, TraceStep } from '../traces/types';
import type { ExportFormat } from './formats';
import {
  SHOW_REASONING_INSTRUCTION,
  renderGemmaConversation,
  renderPromptCompletion,
  renderReasoningResponse,
  renderUserContent,
  type PromptCompletion,
  type RenderOptions,
} from './gemma';

export type ExportMetadata = Record<string, unknown>;

/** What the renderers read of a stored trace. */
export type ExportableTrace = Pick<StoredTrace, 'id' | 'created_at' | 'trace_version' | 'prompt' | 'steps' | 'final_answer' | 'meta'>;

/** `trace`: re-importable (prompts→prompt, trace_steps→steps, metadata→meta). */
export interface TraceExportRecord {
  id: string;
  prompts: string;
  trace_steps: TraceStep[];
  final_answer: string;
  /** `created_at`, `trace_version`, then the trace's meta keys in their order. */
  metadata: ExportMetadata;
}

/** `tunix_sft`: the whole Gemma conversation in `prompts`. */
export interface TunixSftRecord {
  id: string;
  prompts: string;
  final_answer: string;
  /** `created_at`, `trace_version`, `format: "tunix_sft"`, then the meta keys. */
  metadata: ExportMetadata;
}

/** `training_example`: the reference TrainingExample; its id is the source trace's id. */
export interface TrainingExampleRecord {
  id: string;
  prompt: string;
  response: string;
  /** `source_trace_id`, `created_at`, `trace_version`, then the meta keys. */
  metadata: ExportMetadata;
}

export type PromptCompletionRecord = PromptCompletion;

export interface MessagesRecord {
  messages: [{ role: 'user'; content: string }, { role: 'assistant'; content: string }];
}

export interface ExportRecordByFormat {
  trace: TraceExportRecord;
  tunix_sft: TunixSftRecord;
  training_example: TrainingExampleRecord;
  prompt_completion: PromptCompletionRecord;
  messages: MessagesRecord;
}

export type Renderer<F extends ExportFormat> = (trace: ExportableTrace, options: RenderOptions) => ExportRecordByFormat[F];

/**
 * The export's own keys first, then the trace's meta keys in their order. A meta key with the
 * same name as one of the export's own keys is left out: the record's `trace_version` and
 * `created_at` always come from the record itself. (The object has no prototype, so a meta key
 * named `__proto__` is kept as data.)
 */
function exportMetadata(trace: ExportableTrace, own: ExportMetadata): ExportMetadata {
  const metadata = Object.assign(Object.create(null) as ExportMetadata, own);
  const meta = trace.meta;
  if (meta) {
    for (const key of Object.keys(meta)) if (!Object.hasOwn(metadata, key)) metadata[key] = meta[key];
  }
  return metadata;
}

function copySteps(steps: readonly TraceStep[]): TraceStep[] {
  return steps.map((step) => ({ i: step.i, type: step.type, content: step.content }));
}

export function renderTraceRecord(trace: ExportableTrace): TraceExportRecord {
  return {
    id: trace.id,
    prompts: trace.prompt,
    trace_steps: copySteps(trace.steps),
    final_answer: trace.final_answer,
    metadata: exportMetadata(trace, { created_at: trace.created_at, trace_version: trace.trace_version }),
  };
}

export function renderTunixSftRecord(trace: ExportableTrace, options: RenderOptions = {}): TunixSftRecord {
  return {
    id: trace.id,
    prompts: renderGemmaConversation(trace, options),
    final_answer: trace.final_answer,
    metadata: exportMetadata(trace, {
      created_at: trace.created_at,
      trace_version: trace.trace_version,
      format: 'tunix_sft',
    }),
  };
}

export function renderTrainingExampleRecord(trace: ExportableTrace, options: RenderOptions = {}): TrainingExampleRecord {
  return {
    id: trace.id,
    prompt: `${renderUserContent(trace, options)}\n\n${SHOW_REASONING_INSTRUCTION}`,
    response: renderReasoningResponse(trace),
    metadata: exportMetadata(trace, {
      source_trace_id: trace.id,
      created_at: trace.created_at,
      trace_version: trace.trace_version,
    }),
  };
}

export function renderPromptCompletionRecord(trace: ExportableTrace, options: RenderOptions = {}): PromptCompletionRecord {
  return renderPromptCompletion(trace, options);
}

export function renderMessagesRecord(trace: ExportableTrace, options: RenderOptions = {}): MessagesRecord {
  return {
    messages: [
      { role: 'user', content: renderUserContent(trace, options) },
      { role: 'assistant', content: renderReasoningResponse(trace) },
    ],
  };
}

export const RENDERERS: { readonly [F in ExportFormat]: Renderer<F> } = {
  trace: renderTraceRecord,
  tunix_sft: renderTunixSftRecord,
  training_example: renderTrainingExampleRecord,
  prompt_completion: renderPromptCompletionRecord,
  messages: renderMessagesRecord,
};

export function renderRecord<F extends ExportFormat>(
  format: F,
  trace: ExportableTrace,
  options: RenderOptions = {},
): ExportRecordByFormat[F] {
  return (RENDERERS[format] as Renderer<F>)(trace, options);
}

/** One JSONL line of `format`: the record as JSON and a line feed. */
export function renderLine(format: ExportFormat, trace: ExportableTrace, options: RenderOptions = {}): string {
  return `${JSON.stringify(renderRecord(format, trace, options))}\n`;
}
