// The Gemma chat template as the reference system (tunix-rt) wrote it, and the prompt/completion
// split the in-app trainer masks its loss with. Pure string building: must never trim, escape
// or reorder what a trace says, because exported bytes are snapshot-tested.
import type { ReasoningTrace } from '../traces/types';

export const START_OF_TURN = '<start_of_turn>';
export const END_OF_TURN = '<end_of_turn>';

/** The instruction appended to the prompt in the training_example format. */
export const SHOW_REASONING_INSTRUCTION = 'Please show your reasoning steps.';

export interface RenderOptions {
  /**
   * Text put first inside the user turn as `{system}\n\n{prompt}` (Gemma has no system role).
   * An empty string counts as none.
   */
  systemInstruction?: string;
}

/** The parts of a trace the templates read. */
export type RenderableTrace = Pick<ReasoningTrace, 'prompt' | 'steps' | 'final_answer'>;

export interface PromptCompletion {
  /** Everything up to and including `<start_of_turn>model\n`: loss mask 0. */
  prompt: string;
  /** The model turn's text and its `<end_of_turn>`: loss mask 1. */
  completion: string;
}

/** `{system}\n\n{prompt}` when there is a system instruction, else the prompt unchanged. */
export function applySystemInstruction(prompt: string, systemInstruction: string | undefined): string {
  return systemInstruction ? `${systemInstruction}\n\n${prompt}` : prompt;
}

/**
 * `Reasoning:\n1. {step}\n2. {step}\nAnswer: {final_answer}`, steps in array order; just
 * `Answer: {final_answer}` when there are no steps.
 */
export function renderReasoningResponse(trace: RenderableTrace): string {
  const steps = trace.steps;
  if (steps.length === 0) return `Answer: ${trace.final_answer}`;
  let text = 'Reasoning:\n';
  for (let k = 0; k < steps.length; k++) text += `${k + 1}. ${steps[k]!.content}\n`;
  return `${text}Answer: ${trace.final_answer}`;
}

/** The user's text: the prompt, with the system instruction first when there is one. */
export function renderUserContent(trace: RenderableTrace, options: RenderOptions): string {
  return applySystemInstruction(trace.prompt, options.systemInstruction);
}

/** The Gemma text cut where the model's turn starts; `prompt + completion` is the whole text. */
export function renderPromptCompletion(trace: RenderableTrace, options: RenderOptions = {}): PromptCompletion {
  return {
    prompt: `${START_OF_TURN}user\n${renderUserContent(trace, options)}${END_OF_TURN}\n${START_OF_TURN}model\n`,
    completion: `${renderReasoningResponse(trace)}${END_OF_TURN}`,
  };
}

/**
 * The whole Gemma conversation:
 * `<start_of_turn>user\n{prompt}<end_of_turn>\n<start_of_turn>model\n{response}<end_of_turn>`.
 */
export function renderGemmaConversation(trace: RenderableTrace, options: RenderOptions = {}): string {
  const { prompt, completion } = renderPromptCompletion(trace, options);
  return prompt + completion;
}
