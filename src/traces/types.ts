// The reasoning-trace record, exactly as the reference system (tunix-rt) defines it, plus the
// fields the store derives from it. Types only: validation lives in validate.ts.

/** The trace_version written by this app's generators. */
export const CURRENT_TRACE_VERSION = '1.0';

export interface TraceStep {
  /** Step index, an integer >= 0, unique within its trace. */
  i: number;
  /** Free-form step kind, 1-64 chars (e.g. "computation", "observation"). */
  type: string;
  /** The step text, 1-20,000 chars. */
  content: string;
}

export type TraceMeta = Record<string, unknown>;

/** A reasoning trace as users import and export it. */
export interface ReasoningTrace {
  trace_version: string;
  prompt: string;
  steps: TraceStep[];
  final_answer: string;
  meta?: TraceMeta | null;
}

/** A trace as stored: the record plus an id and fields derived from it for indexes. */
export interface StoredTrace extends ReasoningTrace {
  /** Time-ordered UUID (version 7): sorting by id is sorting by insertion time. */
  id: string;
  /** ISO-8601 time the trace entered the store. */
  created_at: string;
  /** sha-256 hex of the canonical serialization of the record (see canonical.ts). */
  content_hash: string;
  /** The reference system's trace quality heuristic, in [0, 100]. */
  baseline_score: number;
  step_count: number;
  /** prompt + steps' content + final_answer, in UTF-16 code units. */
  total_chars: number;
  /** `key=value` strings for primitive meta values, indexed multi-entry for meta filters. */
  meta_terms: string[];
}

/** One problem found in a record. `path` is a JSON path such as `steps[3].content`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** 1-based line (JSONL) or the line where the record starts (JSON arrays). */
  line?: number;
}

export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: ValidationIssue[] };
