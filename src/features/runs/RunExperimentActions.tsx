// A finished run's experiment actions: register its newest checkpoint in the model registry
// under a name, and download its evidence bundle.
import { useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import type { RunManifest } from '../../runs/types';
import { registerRunModel } from '../models/model-actions';
import { downloadEvidenceBundle } from './evidence-download';

export function RunExperimentActions({ run }: { run: RunManifest }) {
  const [name, setName] = useState(run.name);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const register = async (event: Event) => {
    event.preventDefault();
    const result = await registerRunModel(run.run_id, name);
    if (!result.ok) return setNotice({ kind: 'error', text: result.errors.map((e) => e.message).join('; ') });
    const { model, created } = result.value;
    setNotice({ kind: 'ok', text: created ? `Registered as ${model.name} v${model.version}.` : `Already registered as ${model.name} v${model.version}.` });
  };
  const evidence = () => downloadEvidenceBundle(run).catch((e: unknown) => setNotice({ kind: 'error', text: (e as Error).message }));
  return (
    <div class="run-experiment">
      <form class="inline-form" onSubmit={(e) => void register(e)}>
        <label for="register-name">Model name</label>
        <input id="register-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit">Register model</button>
      </form>
      <div class="actions">
        <button type="button" onClick={() => void evidence()}>
          Download evidence bundle
        </button>
      </div>
      {notice && (
        <p class={`notice ${notice.kind === 'error' ? 'notice--error' : 'notice--ok'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
          {notice.kind === 'ok' && (
            <>
              {' '}
              <a href={hrefFor({ name: 'models' })}>Open the models</a>.
            </>
          )}
        </p>
      )}
    </div>
  );
}
