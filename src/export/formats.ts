// The export formats this app writes, as one typed list, and the parser that turns a user's or
// a URL's string into one of them. Must never render anything (that is renderers.ts).
import type { ValidationResult } from '../traces/types';

export const EXPORT_FORMATS = ['trace', 'tunix_sft', 'training_example', 'prompt_completion', 'messages'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One sentence per format, for pickers and the bundle README. */
export const EXPORT_FORMAT_DESCRIPTIONS: Readonly<Record<ExportFormat, string>> = {
  trace: 'the stored traces themselves ({id, prompts, trace_steps, final_answer, metadata}), re-importable',
  tunix_sft: 'one Gemma chat-template text per trace ({id, prompts, final_answer, metadata}) for Tunix SFT',
  training_example: 'prompt/response pairs ({id, prompt, response, metadata}) as the reference TrainingExample',
  prompt_completion: 'the Gemma text split at the model turn ({prompt, completion}) so the loss can be masked to the completion',
  messages: 'chat messages ({messages: [user, assistant]}) for chat-style trainers',
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The format named by `value`, or an error that lists the formats there are. */
export function parseExportFormat(value: unknown, path = 'format'): ValidationResult<ExportFormat> {
  if (isExportFormat(value)) return { ok: true, value };
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return {
    ok: false,
    errors: [{ path, message: `unknown export format ${shown}: use one of ${EXPORT_FORMATS.join(', ')}` }],
  };
}
