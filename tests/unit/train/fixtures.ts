// Small chat-format examples for trainer tests: a prompt ending with `<start_of_turn>model\n` and a
// completion ending with `<end_of_turn>`, as the prompt_completion renderer writes them.
import type { PromptCompletion } from '../../../src/train/data';

export function arithmeticExamples(count: number, offset = 0): PromptCompletion[] {
  return Array.from({ length: count }, (_, k) => {
    const a = 11 + ((k + offset) * 7) % 80;
    const b = 3 + ((k + offset) * 5) % 17;
    return {
      prompt: `<start_of_turn>user\nWhat is ${a}+${b}?<end_of_turn>\n<start_of_turn>model\n`,
      completion: `Reasoning: ${a}+${b}=${a + b}\nAnswer: ${a + b}<end_of_turn>`,
    };
  });
}
