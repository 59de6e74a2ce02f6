// The README.md of a dataset bundle: what the dataset is (from its manifest), which files hold
// what, and the recipe to fine-tune on it with Tunix on JAX, where the loss mask comes from the
// prompt/completion split. Pure text from the manifest: must never read the clock, so the same
// manifest and format always give the same README.
import type { DatasetManifest } from '../datasets/types';
import { EXPORT_FORMAT_DESCRIPTIONS, type ExportFormat } from './formats';
import { exportFilePlan } from './files';

const RECORD_SHAPES: Readonly<Record<ExportFormat, string>> = {
  trace: '{"id", "prompts", "trace_steps": [{"i", "type", "content"}], "final_answer", "metadata": {"created_at", "trace_version", ...meta}}',
  tunix_sft: '{"id", "prompts": "<start_of_turn>user\\n…<end_of_turn>\\n<start_of_turn>model\\n…<end_of_turn>", "final_answer", "metadata": {"created_at", "trace_version", "format": "tunix_sft", ...meta}}',
  training_example: '{"id", "prompt", "response", "metadata": {"source_trace_id", "created_at", "trace_version", ...meta}}',
  prompt_completion: '{"prompt": "<start_of_turn>user\\n…<end_of_turn>\\n<start_of_turn>model\\n", "completion": "Reasoning:\\n1. …\\nAnswer: …<end_of_turn>"}',
  messages: '{"messages": [{"role": "user", "content"}, {"role": "assistant", "content"}]}',
};

/** Python that turns one record of `format` into (prompt, completion) strings. */
const TO_PROMPT_COMPLETION: Readonly<Record<ExportFormat, string>> = {
  prompt_completion: `def prompt_completion(record):
    return record["prompt"], record["completion"]`,
  tunix_sft: `MODEL_TURN = "<start_of_turn>model\\n"

def prompt_completion(record):
    text = record["prompts"]
    cut = text.index(MODEL_TURN) + len(MODEL_TURN)  # the first model turn
    return text[:cut], text[cut:]`,
  training_example: `def prompt_completion(record):
    # The prompt ends with "Please show your reasoning steps."; wrap both sides in the Gemma turns.
    return (f"<start_of_turn>user\\n{record['prompt']}<end_of_turn>\\n<start_of_turn>model\\n",
            f"{record['response']}<end_of_turn>")`,
  messages: `def prompt_completion(record):
    user, assistant = record["messages"]
    return (f"<start_of_turn>user\\n{user['content']}<end_of_turn>\\n<start_of_turn>model\\n",
            f"{assistant['content']}<end_of_turn>")`,
  trace: `def prompt_completion(record):
    steps = [step["content"] for step in record["trace_steps"]]
    reasoning = "".join(f"{n}. {s}\\n" for n, s in enumerate(steps, 1))
    response = (f"Reasoning:\\n{reasoning}" if steps else "") + f"Answer: {record['final_answer']}"
    return (f"<start_of_turn>user\\n{record['prompts']}<end_of_turn>\\n<start_of_turn>model\\n",
            f"{response}<end_of_turn>")`,
};

const PYTHON_IMPORTS = `import json
import numpy as np
import optax
from tunix.sft import peft_trainer, utils`;

const TUNIX_RECIPE = `MAX_LEN = 512      # tokens per example, prompt + completion
BATCH_SIZE = 8

# tokenizer: the Gemma SentencePiece tokenizer that matches your checkpoint, e.g.
#   import sentencepiece as spm; tokenizer = spm.SentencePieceProcessor(model_file="tokenizer.model")
# It must encode "<start_of_turn>" and "<end_of_turn>" as single control tokens.

def encode(prompt, completion, tokenizer):
    prompt_ids = [tokenizer.bos_id()] + tokenizer.EncodeAsIds(prompt)
    completion_ids = tokenizer.EncodeAsIds(completion)
    tokens = (prompt_ids + completion_ids)[:MAX_LEN]
    mask = ([0] * len(prompt_ids) + [1] * len(completion_ids))[:MAX_LEN]
    padding = MAX_LEN - len(tokens)
    return tokens + [tokenizer.pad_id()] * padding, mask + [0] * padding

def batches(path, tokenizer):
    """TrainingInput batches of one JSONL file (a last, partial batch is dropped)."""
    tokens, masks = [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            t, m = encode(*prompt_completion(json.loads(line)), tokenizer)
            tokens.append(t); masks.append(m)
            if len(tokens) == BATCH_SIZE:
                yield peft_trainer.TrainingInput(input_tokens=np.array(tokens, np.int32),
                                                 input_mask=np.array(masks, np.int32))
                tokens, masks = [], []

def gen_model_input_fn(x: peft_trainer.TrainingInput):
    pad_mask = x.input_tokens != tokenizer.pad_id()
    return {
        "input_tokens": x.input_tokens,
        "input_mask": x.input_mask,          # the loss mask: 1 only over completion tokens
        "positions": utils.build_positions_from_mask(pad_mask),
        "attention_mask": utils.make_causal_attn_mask(pad_mask),
    }

# model: a Gemma model loaded with Tunix (optionally with LoRA), as in the Tunix examples.
config = peft_trainer.TrainingConfig(eval_every_n_steps=100, max_steps=1000)
trainer = peft_trainer.PeftTrainer(model, optax.adamw(1e-5), config)
trainer = trainer.with_gen_model_input_fn(gen_model_input_fn)`;

function describeSelection(manifest: DatasetManifest): string {
  const parts = [`strategy \`${manifest.selection_strategy}\``];
  if (manifest.stratify) parts.push(`stratified by \`${manifest.stratify.key}\` (${manifest.stratify.mode})`);
  parts.push(`seed ${manifest.seed ?? 'none'}`, `limit ${manifest.limit ?? 'none'}`);
  return parts.join(', ');
}

function trainCall(manifest: DatasetManifest, format: ExportFormat): string {
  const files = exportFilePlan(manifest, format);
  const train = files.find((file) => file.part !== 'eval')!;
  const evalFile = files.find((file) => file.part === 'eval');
  return evalFile
    ? `trainer.train(batches("${train.name}", tokenizer), list(batches("${evalFile.name}", tokenizer)))`
    : `trainer.train(batches("${train.name}", tokenizer), None)`;
}

/** README.md for a bundle of `manifest` exported as `format`. */
export function bundleReadme(manifest: DatasetManifest, format: ExportFormat): string {
  const files = exportFilePlan(manifest, format);
  const fileLines = files.map((file) => `- \`${file.name}\`: ${file.ids.length} records (${file.part === 'all' ? 'every trace' : `the ${file.part} split`}), one JSON object per line, in manifest order.`);
  const split = manifest.split
    ? ` (train ${manifest.split.train_ids.length}, eval ${manifest.split.eval_ids.length}; eval fraction ${manifest.split.eval_fraction})`
    : '';
  return `# Dataset ${manifest.dataset_key}

Built by tunix-rt web. Name \`${manifest.name}\`, version \`${manifest.version}\`, build \`${manifest.build_id}\`,
created ${manifest.created_at}, dataset schema ${manifest.dataset_schema_version}.

- Traces: ${manifest.trace_count}${split}
- Selection: ${describeSelection(manifest)}
- Filters: \`${JSON.stringify(manifest.filters)}\`
- Format: \`${format}\`: ${EXPORT_FORMAT_DESCRIPTIONS[format]}

## Files

- \`manifest.json\`: the build's manifest: every trace id in order, the request that made it, statistics and provenance.
${fileLines.join('\n')}
- \`README.md\`: this file.

Each record has the shape:

\`\`\`
${RECORD_SHAPES[format]}
\`\`\`

If traces were deleted from the app after the build, the export lists their ids instead of writing them, so a file may hold fewer records than the manifest names.

## Training with Tunix on JAX

Tunix's supervised fine-tuning trainer (\`tunix.sft.peft_trainer.PeftTrainer\`) takes batches of
\`TrainingInput(input_tokens, input_mask)\`: \`input_tokens\` are the token ids of the whole example,
and \`input_mask\` is the loss mask, 0 over the prompt and over padding, 1 over the completion, so the
model learns to write the answer and is never trained to reproduce the question.

The \`prompt_completion\` format is exactly that split: \`prompt\` is everything up to and including
\`<start_of_turn>model\\n\` (mask 0, with the BOS token before it), \`completion\` is the model's
reasoning, answer and \`<end_of_turn>\` (mask 1); padding up to the sequence length gets mask 0.
Other formats are first cut into the same two strings (the function below does it for \`${format}\`).
The app's own trainer masks its loss with the same split.

\`\`\`python
${PYTHON_IMPORTS}

${TO_PROMPT_COMPLETION[format]}

${TUNIX_RECIPE}
${trainCall(manifest, format)}
\`\`\`

Encoding the prompt and the completion separately keeps the mask boundary exact. The cut always
falls right after a newline, where SentencePiece rarely merges tokens across; check once that
your tokenizer gives the same ids for the whole text as for the two halves joined.
`;
}
