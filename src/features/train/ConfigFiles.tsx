// Config import/export (YAML or JSON in the shape of tunix-rt's sft_tiny.yaml) and the model
// bundle to fine-tune from (then offered under "Start from"). Imported files are parsed here and
// shown with their errors or warnings; nothing is stored until a run starts.
import { useState } from 'preact/hooks';
import { formatSetup, parseSetup, type TrainSetup } from '../../runs/config-file';
import { readModelBundle } from '../../runs/model-bundle';
import type { BaseModelChoice } from '../../runs/new-run';
import type { NamedWeights } from '../../model/gpt';
import { downloadText } from '../../ui/download';

export type BaseModel = BaseModelChoice & { weights: NamedWeights };

interface ConfigFilesProps {
  /** The current setup for export, or null while the form has errors. */
  setup: TrainSetup | null;
  current: TrainSetup;
  onImport: (setup: TrainSetup) => void;
  /** A model bundle was imported (and chosen as the start). */
  onBundle: (base: BaseModel) => void;
  disabled: boolean;
}

export function ConfigFiles({ setup, current, onImport, onBundle, disabled }: ConfigFilesProps) {
  const [messages, setMessages] = useState<{ tone: 'ok' | 'warn' | 'error'; lines: string[] } | null>(null);
  const importConfig = async (file: File) => {
    const result = parseSetup(await file.text(), current);
    if (!result.ok) setMessages({ tone: 'error', lines: result.errors.map((e) => `${file.name}${e.line ? ` line ${e.line}` : ''}: ${e.path ? `${e.path} ` : ''}${e.message}`) });
    else {
      onImport(result.value);
      setMessages({ tone: result.warnings.length > 0 ? 'warn' : 'ok', lines: [`Imported ${file.name}.`, ...result.warnings] });
    }
  };
  const importBundle = async (file: File) => {
    const result = readModelBundle(new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) setMessages({ tone: 'error', lines: result.errors.map((e) => `${file.name}: ${e.path ? `${e.path} ` : ''}${e.message}`) });
    else {
      onBundle({ id: file.name, source: 'bundle', sha256: result.value.sha256, config: result.value.config, tokenizer: result.value.tokenizer, weights: result.value.weights });
      setMessages({ tone: 'ok', lines: [`Fine-tuning will start from ${file.name}.`] });
    }
  };
  const exportAs = (format: 'yaml' | 'json') => setup && downloadText(`train_config.${format}`, [formatSetup(setup, format)], format === 'json' ? 'application/json' : 'application/yaml');
  return (
    <div class="config-files">
      <div class="actions">
        <label class="button">
          Import config (YAML or JSON)
          <input class="visually-hidden" type="file" accept=".yaml,.yml,.json" disabled={disabled} onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void importConfig(f); }} />
        </label>
        <button type="button" disabled={!setup} onClick={() => exportAs('yaml')}>
          Export config as YAML
        </button>
        <button type="button" disabled={!setup} onClick={() => exportAs('json')}>
          Export config as JSON
        </button>
        <label class="button">
          Import model bundle (.zip)
          <input class="visually-hidden" type="file" accept=".zip" disabled={disabled} onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void importBundle(f); }} />
        </label>
      </div>
      {messages && (
        <ul class={`notice notice--${messages.tone}`} role={messages.tone === 'error' ? 'alert' : 'status'}>
          {messages.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
