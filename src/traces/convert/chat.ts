// Chat `{messages: [{role, content}]}`: one exchange, optionally after system messages.
// System and user contents, in order and separated by blank lines, form the prompt; the single
// final assistant turn becomes steps and final answer (answer-text.ts). The system text is also
// kept in meta.system so the record can be written back. Must never accept a conversation it
// would have to flatten (an assistant turn before the last message, or unknown roles).
import type { TraceMeta, ValidationIssue } from '../types';
import { renderAnswerText, traceFromAnswerText } from './answer-text';
import { isRecord, notAnObject } from './fields';
import type { FormatConverter } from './format';

const ROLES = ['system', 'user', 'assistant'] as const;
type Role = (typeof ROLES)[number];

interface Message {
  role: Role;
  content: string;
}

function readMessage(value: unknown, path: string, line: number, errors: ValidationIssue[]): Message | null {
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an object {role, content}', line });
    return null;
  }
  const before = errors.length;
  if (!ROLES.includes(value.role as Role)) {
    errors.push({ path: `${path}.role`, message: `role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(value.role) ?? 'nothing'}`, line });
  }
  if (typeof value.content !== 'string' || value.content.trim() === '') {
    errors.push({ path: `${path}.content`, message: 'expected a non-blank string', line });
  }
  return errors.length === before ? { role: value.role as Role, content: value.content as string } : null;
}

/** Order rule: system* user+ assistant, the assistant turn last and only once. */
function checkOrder(messages: readonly Message[], line: number, errors: ValidationIssue[]): void {
  const last = messages.length - 1;
  messages.forEach((message, k) => {
    const path = `messages[${k}].role`;
    if (message.role === 'assistant' && k !== last) {
      errors.push({ path, message: 'only one assistant turn, as the last message, is supported', line });
    } else if (message.role === 'system' && messages.slice(0, k).some((m) => m.role !== 'system')) {
      errors.push({ path, message: 'system messages must come before the user messages', line });
    }
  });
  if (messages[last]?.role !== 'assistant') {
    errors.push({ path: `messages[${last}].role`, message: 'the last message must be the assistant turn', line });
  }
  if (!messages.some((m) => m.role === 'user')) errors.push({ path: 'messages', message: 'no user message', line });
}

export const chatConverter: FormatConverter = {
  description: {
    format: 'chat',
    label: 'Chat messages',
    fields: ['messages: [{role: "system" | "user" | "assistant", content: string}]'],
    mapping: [
      'system and user contents, in order, joined by blank lines → prompt',
      'the final assistant turn in the "Reasoning: / 1. … / Answer: …" template → one step per numbered line, final answer from the Answer line',
      'any other assistant turn → one step (type "response") and the same text as final answer',
      'meta.source = "chat"; meta.system = the system text, when there is one',
    ],
  },

  matches: (raw) => Array.isArray(raw.messages),

  toTrace(raw, line) {
    if (!isRecord(raw)) return { ok: false, errors: notAnObject(line) };
    if (!Array.isArray(raw.messages) || raw.messages.length === 0) {
      return { ok: false, errors: [{ path: 'messages', message: 'expected a non-empty array of messages', line }] };
    }
    const errors: ValidationIssue[] = [];
    const messages = raw.messages.map((value, k) => readMessage(value, `messages[${k}]`, line, errors));
    if (errors.length > 0) return { ok: false, errors };
    const valid = messages as Message[];
    checkOrder(valid, line, errors);
    if (errors.length > 0) return { ok: false, errors };
    const system = valid.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const user = valid.filter((m) => m.role === 'user').map((m) => m.content).join('\n\n');
    const meta: TraceMeta = system === '' ? { source: 'chat' } : { source: 'chat', system };
    const prompt = system === '' ? user : `${system}\n\n${user}`;
    return { ok: true, trace: traceFromAnswerText(prompt, (valid[valid.length - 1] as Message).content, meta) };
  },

  fromTrace(trace) {
    const system = trace.meta?.system;
    const hasSystem = typeof system === 'string' && system !== '' && trace.prompt.startsWith(`${system}\n\n`);
    const messages: Message[] = hasSystem
      ? [{ role: 'system', content: system }, { role: 'user', content: trace.prompt.slice(system.length + 2) }]
      : [{ role: 'user', content: trace.prompt }];
    messages.push({ role: 'assistant', content: renderAnswerText(trace.steps, trace.final_answer) });
    return { messages };
  },
};
