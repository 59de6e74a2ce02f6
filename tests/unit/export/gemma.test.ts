import { describe, expect, it } from 'vitest';
import {
  applySystemInstruction,
  renderGemmaConversation,
  renderPromptCompletion,
  renderReasoningResponse,
} from '../../../src/export/gemma';
import { renderRecord } from '../../../src/export/renderers';
import { ADDITION, NO_STEPS, UNICODE } from './fixtures';

describe('Gemma template pieces', () => {
  it('numbers steps from 1 in array order, whatever their i', () => {
    const trace = { prompt: 'q', final_answer: 'a', steps: [{ i: 7, type: 't', content: 'x' }, { i: 2, type: 't', content: 'y' }] };
    expect(renderReasoningResponse(trace)).toBe('Reasoning:\n1. x\n2. y\nAnswer: a');
  });

  it('answers without a Reasoning block when there are no steps', () => {
    expect(renderReasoningResponse(NO_STEPS)).toBe('Answer: Paris');
  });

  it('treats an empty system instruction as none and keeps a whitespace one verbatim', () => {
    expect(applySystemInstruction('q', '')).toBe('q');
    expect(applySystemInstruction('q', undefined)).toBe('q');
    expect(applySystemInstruction('q', ' ')).toBe(' \n\nq');
  });
});

describe('renderPromptCompletion', () => {
  it('is the tunix_sft text cut right after the model turn opens', () => {
    for (const trace of [ADDITION, UNICODE, NO_STEPS]) {
      for (const options of [{}, { systemInstruction: 'Be brief.' }]) {
        const { prompt, completion } = renderPromptCompletion(trace, options);
        expect(prompt + completion).toBe(renderRecord('tunix_sft', trace, options).prompts);
        expect(prompt + completion).toBe(renderGemmaConversation(trace, options));
        expect(prompt.endsWith('<start_of_turn>model\n')).toBe(true);
        expect(prompt.indexOf('<start_of_turn>model\n')).toBe(prompt.length - '<start_of_turn>model\n'.length);
        expect(completion.endsWith('<end_of_turn>')).toBe(true);
      }
    }
  });

  it('keeps the completion identical with or without a system instruction', () => {
    expect(renderPromptCompletion(ADDITION, { systemInstruction: 'S' }).completion).toBe(renderPromptCompletion(ADDITION).completion);
    expect(renderPromptCompletion(ADDITION, { systemInstruction: 'S' }).prompt).toBe(
      '<start_of_turn>user\nS\n\nWhat is 2 + 3?<end_of_turn>\n<start_of_turn>model\n',
    );
  });
});
