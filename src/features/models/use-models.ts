// The model list, refreshed whenever any context changes the models table.
import { useEffect, useState } from 'preact/hooks';
import { onDatabaseChange } from '../../db/changes';
import { appDatabase } from '../../db/database';
import { listModels } from '../../db/models-repository';
import type { ModelListItem } from '../../db/models-repository';

export function useModels(): ModelListItem[] | null {
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  useEffect(() => {
    const load = () => void listModels(appDatabase()).then(setModels);
    load();
    return onDatabaseChange((table) => table === 'models' && load());
  }, []);
  return models;
}
