// The preview of the chosen files: per file, the record format detected from its first records,
// a select to override it, the mapping that format uses, and the first records as the import
// will store them (or their errors). Reads only the head of each file, in the page.
import { useEffect, useState } from 'preact/hooks';
import { previewSample, readFileSample, type FileSample, type PreviewRecord } from '../../importer/preview';
import { RECORD_FORMATS, RECORD_FORMAT_LABELS, type FormatChoice } from '../../importer/record-parser';

type SampleState = { status: 'loading' } | { status: 'ready'; sample: FileSample } | { status: 'failed'; message: string };

/** The samples of `files`, read again whenever the list changes. */
function useFileSamples(files: File[]): SampleState[] {
  const [samples, setSamples] = useState<SampleState[]>([]);
  useEffect(() => {
    let live = true;
    setSamples(files.map(() => ({ status: 'loading' })));
    files.forEach((file, index) => {
      readFileSample(file).then(
        (sample) => live && setSamples((all) => all.map((state, k) => (k === index ? { status: 'ready', sample } : state))),
        (error: unknown) =>
          live && setSamples((all) => all.map((state, k) => (k === index ? { status: 'failed', message: String(error) } : state))),
      );
    });
    return () => {
      live = false;
    };
  }, [files]);
  return samples;
}

function RecordPreview({ record }: { record: PreviewRecord }) {
  if (!record.ok) {
    return (
      <li class="preview-record preview-record--error">
        <strong>Line {record.line}: not imported.</strong>
        <ul>
          {record.errors.map((error, k) => (
            <li key={k}>
              {error.path ? <code>{error.path}</code> : null} {error.message}
            </li>
          ))}
        </ul>
      </li>
    );
  }
  const { trace } = record;
  return (
    <li class="preview-record">
      <p>
        <strong>Line {record.line} · Prompt:</strong> {trace.prompt}
      </p>
      <ol class="preview-steps" aria-label={`Steps of line ${record.line}`}>
        {trace.steps.map((step) => (
          <li key={step.i}>
            <span class="muted">{step.type}:</span> {step.content}
          </li>
        ))}
      </ol>
      <p>
        <strong>Answer:</strong> {trace.final_answer}
      </p>
    </li>
  );
}

interface FilePreviewProps {
  file: File;
  state: SampleState | undefined;
  choice: FormatChoice;
  disabled: boolean;
  onChoose: (choice: FormatChoice) => void;
}

function FilePreview({ file, state, choice, disabled, onChoose }: FilePreviewProps) {
  if (!state || state.status === 'loading') return <p aria-live="polite">Reading the first records of {file.name}…</p>;
  if (state.status === 'failed') return <p class="notice notice--error">Could not read {file.name}: {state.message}</p>;
  const preview = previewSample(state.sample, choice);
  return (
    <section class="file-preview" aria-label={`Preview of ${file.name}`}>
      <h3>{file.name}</h3>
      <p>
        Detected format: <strong>{RECORD_FORMAT_LABELS[preview.detected]}</strong>
      </p>
      <label>
        Read records as{' '}
        <select value={choice} disabled={disabled} onChange={(event) => onChoose(event.currentTarget.value as FormatChoice)}>
          <option value="auto">Detected ({RECORD_FORMAT_LABELS[preview.detected]})</option>
          {RECORD_FORMATS.map((format) => (
            <option key={format} value={format}>
              {RECORD_FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
      </label>
      <details open>
        <summary>Mapping used</summary>
        <ul>
          {preview.mapping.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </details>
      {preview.structureError && <p class="notice notice--error">{preview.structureError}</p>}
      {preview.records.length === 0 ? (
        <p class="muted">No records in the first part of this file.</p>
      ) : (
        <ol class="preview-records" aria-label={`First records of ${file.name}`}>
          {preview.records.map((record) => (
            <RecordPreview key={record.line} record={record} />
          ))}
        </ol>
      )}
    </section>
  );
}

interface ImportPreviewProps {
  files: File[];
  /** One choice per file, same order. */
  choices: FormatChoice[];
  disabled: boolean;
  onChoose: (index: number, choice: FormatChoice) => void;
}

export function ImportPreview({ files, choices, disabled, onChoose }: ImportPreviewProps) {
  const samples = useFileSamples(files);
  return (
    <div class="import-preview">
      <h2>Preview</h2>
      {files.map((file, index) => (
        <FilePreview
          key={`${index}:${file.name}`}
          file={file}
          state={samples[index]}
          choice={choices[index] ?? 'auto'}
          disabled={disabled}
          onChoose={(choice) => onChoose(index, choice)}
        />
      ))}
    </div>
  );
}
