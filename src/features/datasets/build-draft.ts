// The build form's state as the text a person types, and its conversions: to a build request
// (empty fields left out), from a stored request (rebuild as a new version), and from the trace
// browser's filter ("build a dataset from this filter"), naming what a dataset filter cannot
// express. No DOM and no storage: the form component and its tests share it.
import { signal } from '@preact/signals';
import type { DatasetBuildRequest, DatasetFilters, SelectionStrategy, StratifyMode } from '../../datasets/types';
import type { TraceFilter } from '../../db/trace-query';

/** The app version written into every manifest's provenance. */
export const APP_VERSION = '0.1.0';

export interface BuildDraft {
  name: string;
  version: string;
  /** `key=value` terms, one per line or comma-separated. */
  meta: string;
  source: string;
  createdFrom: string;
  createdTo: string;
  minSteps: string;
  maxSteps: string;
  minScore: string;
  strategy: SelectionStrategy;
  stratifyKey: string;
  stratifyMode: StratifyMode;
  seed: string;
  limit: string;
  split: boolean;
  evalFraction: string;
  parentDatasetId: string;
  /** Notes shown above the form about where the draft came from. */
  notes: string[];
}

export const EMPTY_DRAFT: BuildDraft = {
  name: '',
  version: 'v1',
  meta: '',
  source: '',
  createdFrom: '',
  createdTo: '',
  minSteps: '',
  maxSteps: '',
  minScore: '',
  strategy: 'latest',
  stratifyKey: 'category',
  stratifyMode: 'proportional',
  seed: '42',
  limit: '1000',
  split: false,
  evalFraction: '0.1',
  parentDatasetId: '',
  notes: [],
};

/** The draft the build form opens with next (set before navigating to it). */
export const pendingDraft = signal<BuildDraft | null>(null);

/**
 * The draft with another selection strategy. "All" drops a limit still at its default (it
 * would silently keep only the oldest 1,000 matches); leaving "all" with no limit restores
 * the default, which the other strategies require.
 */
export function withStrategy(draft: BuildDraft, strategy: SelectionStrategy): BuildDraft {
  if (strategy === 'all' && draft.limit === EMPTY_DRAFT.limit) return { ...draft, strategy, limit: '' };
  if (strategy !== 'all' && draft.limit.trim() === '') return { ...draft, strategy, limit: EMPTY_DRAFT.limit };
  return { ...draft, strategy };
}

function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

export function parseMetaTerms(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((term) => term.trim())
    .filter((term) => term !== '');
}

export function filtersFromDraft(draft: BuildDraft): DatasetFilters {
  const filters: DatasetFilters = { meta: parseMetaTerms(draft.meta) };
  if (draft.source.trim()) filters.source = draft.source.trim();
  if (draft.createdFrom || draft.createdTo) {
    filters.created = {};
    if (draft.createdFrom) filters.created.from = draft.createdFrom;
    if (draft.createdTo) filters.created.to = draft.createdTo;
  }
  const minSteps = numberOrUndefined(draft.minSteps);
  const maxSteps = numberOrUndefined(draft.maxSteps);
  if (minSteps !== undefined || maxSteps !== undefined) {
    filters.step_count = {};
    if (minSteps !== undefined) filters.step_count.min = minSteps;
    if (maxSteps !== undefined) filters.step_count.max = maxSteps;
  }
  const minScore = numberOrUndefined(draft.minScore);
  if (minScore !== undefined) filters.min_baseline_score = minScore;
  return filters;
}

export function requestFromDraft(draft: BuildDraft): DatasetBuildRequest {
  const seed = numberOrUndefined(draft.seed);
  return {
    name: draft.name.trim(),
    version: draft.version.trim(),
    filters: filtersFromDraft(draft),
    selection_strategy: draft.strategy,
    seed: seed ?? null,
    limit: numberOrUndefined(draft.limit) ?? null,
    stratify: draft.strategy === 'stratified' ? { key: draft.stratifyKey.trim(), mode: draft.stratifyMode } : null,
    split: draft.split ? { eval_fraction: Number(draft.evalFraction) } : null,
    parent_dataset_id: draft.parentDatasetId || null,
  };
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function draftFromRequest(request: DatasetBuildRequest, notes: string[] = []): BuildDraft {
  const filters = request.filters;
  return {
    name: request.name,
    version: request.version,
    meta: filters.meta.join('\n'),
    source: text(filters.source),
    createdFrom: text(filters.created?.from),
    createdTo: text(filters.created?.to),
    minSteps: text(filters.step_count?.min),
    maxSteps: text(filters.step_count?.max),
    minScore: text(filters.min_baseline_score),
    strategy: request.selection_strategy,
    stratifyKey: request.stratify?.key ?? EMPTY_DRAFT.stratifyKey,
    stratifyMode: request.stratify?.mode ?? EMPTY_DRAFT.stratifyMode,
    seed: text(request.seed),
    limit: text(request.limit),
    split: Boolean(request.split),
    evalFraction: text(request.split?.eval_fraction ?? EMPTY_DRAFT.evalFraction),
    parentDatasetId: text(request.parent_dataset_id),
    notes,
  };
}

/**
 * The draft for "build a dataset from this filter": meta terms and the step range carry over
 * exactly (step counts are whole numbers, so an open upper end becomes the number below it), a
 * score range only as a lower bound when it reaches 100. Text search and length ranges have no
 * dataset filter: they are named in `notes` so the person sees the counts may differ.
 */
export function draftFromTraceFilter(filter: TraceFilter): BuildDraft {
  const notes: string[] = [];
  const draft: BuildDraft = { ...EMPTY_DRAFT, strategy: 'all', limit: '', meta: filter.metaTerms.join('\n') };
  const steps = filter.ranges.step_count;
  if (steps) {
    draft.minSteps = String(Math.ceil(steps.min));
    draft.maxSteps = String(steps.includeMax ? Math.floor(steps.max) : Math.ceil(steps.max) - 1);
  }
  const score = filter.ranges.baseline_score;
  if (score) {
    draft.minScore = String(score.min);
    if (score.max < 100 || !score.includeMax) notes.push(`the baseline score's upper bound (${score.max}) has no dataset filter and is left out`);
  }
  if (filter.ranges.total_chars) notes.push('the length (chars) range has no dataset filter and is left out');
  if (filter.text.trim()) notes.push(`the text search "${filter.text.trim()}" has no dataset filter and is left out`);
  draft.notes = notes;
  return draft;
}
