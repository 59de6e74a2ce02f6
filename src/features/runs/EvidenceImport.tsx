// "Import evidence bundle": re-creates a run's setup in the Train form (see evidence-import.ts)
// and opens the Train screen, or says what is missing.
import { useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import { importEvidenceBundle } from './evidence-import';

export function EvidenceImport() {
  const [error, setError] = useState<string | null>(null);
  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = await importEvidenceBundle(file).catch((e: unknown) => ({ ok: false as const, errors: [{ path: file.name, message: (e as Error).message }] }));
    if (!result.ok) return setError(result.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; '));
    setError(null);
    navigate({ name: 'train' });
  };
  return (
    <div class="actions">
      <label class="file-button">
        Import evidence bundle (rerun its config)
        <input type="file" accept=".zip,application/zip" onChange={(e) => void onFile(e)} />
      </label>
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
