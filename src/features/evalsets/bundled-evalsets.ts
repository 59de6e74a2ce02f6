// The eval sets bundled with the app: every evalsets/<name>/data.jsonl and its README, inlined
// by Vite at build time (`?raw`), validated with the same validator as imported sets. Owns the
// reading of a README's provenance section for display. Must never write anything.
import { parseEvalSetJsonl, type EvalItem } from '../../evaluate/evalset';
import { sha256Hex } from '../../generators/sha256';

export interface BundledEvalSet {
  /** The folder name, e.g. `eval_v2`. */
  name: string;
  items: EvalItem[];
  /** Validation problems (a bundled set should have none; a unit test keeps it so). */
  errors: string[];
  sha256: string;
  /** The README's "Provenance" section, one entry per bullet or paragraph. */
  provenance: string[];
  readme: string;
}

const DATA_FILES = import.meta.glob<string>('../../../evalsets/*/data.jsonl', { query: '?raw', import: 'default', eager: true });
const README_FILES = import.meta.glob<string>('../../../evalsets/*/README.md', { query: '?raw', import: 'default', eager: true });

function folderOf(path: string): string {
  return path.split('/').at(-2) ?? path;
}

/** The bullets (or paragraphs) under `## Provenance`, joined across wrapped lines. */
export function provenanceOf(readme: string): string[] {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => /^##\s+Provenance\s*$/i.test(line));
  if (start < 0) return [];
  const entries: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    const text = line.trim();
    if (text === '') continue;
    if (text.startsWith('- ') || entries.length === 0) entries.push(text.replace(/^- /, ''));
    else entries[entries.length - 1] += ` ${text}`;
  }
  return entries;
}

function loadBundledSet(path: string, text: string): BundledEvalSet {
  const name = folderOf(path);
  const readme = README_FILES[path.replace(/data\.jsonl$/, 'README.md')] ?? '';
  const parsed = parseEvalSetJsonl(text);
  return {
    name,
    items: parsed.ok ? parsed.value : [],
    errors: parsed.ok ? [] : parsed.errors.map((e) => `line ${e.line ?? '?'}: ${e.path ? `${e.path}: ` : ''}${e.message}`),
    sha256: sha256Hex(text),
    provenance: provenanceOf(readme),
    readme,
  };
}

let bundled: BundledEvalSet[] | null = null;

/** The bundled sets, by folder name. */
export function bundledEvalSets(): BundledEvalSet[] {
  bundled ??= Object.entries(DATA_FILES)
    .map(([path, text]) => loadBundledSet(path, text))
    .sort((a, b) => a.name.localeCompare(b.name));
  return bundled;
}

/** Items per category, most common first (ties by name). */
export function categoryCounts(items: readonly EvalItem[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
