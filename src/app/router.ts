// Hash routes, so every screen and every trace has a URL that works on any static host.
import { signal } from '@preact/signals';

export type Route =
  | { name: 'traces' }
  | { name: 'trace'; id: string }
  | { name: 'compare'; left: string; right: string }
  | { name: 'import' }
  | { name: 'generate' }
  | { name: 'datasets' }
  | { name: 'dataset'; key: string }
  | { name: 'evalsets' }
  | { name: 'evalset'; id: string }
  | { name: 'train' }
  | { name: 'runs' }
  | { name: 'run'; id: string }
  | { name: 'run_compare'; ids: string[] }
  | { name: 'models' }
  | { name: 'leaderboard'; evalset?: string }
  | { name: 'sweeps' }
  | { name: 'sweep'; id: string }
  | { name: 'evaluate' }
  | { name: 'evaluation'; id: string }
  | { name: 'evaluation_compare'; before: string; after: string }
  | { name: 'storage' }
  | { name: 'not_found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/traces';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts[0] === 'traces' && parts.length === 1)) return { name: 'traces' };
  if (parts[0] === 'traces' && parts.length === 2) return { name: 'trace', id: parts[1]! };
  if (parts[0] === 'compare' && parts.length === 3) return { name: 'compare', left: parts[1]!, right: parts[2]! };
  if (parts[0] === 'import' && parts.length === 1) return { name: 'import' };
  if (parts[0] === 'generate' && parts.length === 1) return { name: 'generate' };
  if (parts[0] === 'datasets' && parts.length === 1) return { name: 'datasets' };
  if (parts[0] === 'datasets' && parts.length === 2) return { name: 'dataset', key: parts[1]! };
  if (parts[0] === 'evalsets' && parts.length === 1) return { name: 'evalsets' };
  if (parts[0] === 'evalsets' && parts.length === 2) return { name: 'evalset', id: parts[1]! };
  if (parts[0] === 'train' && parts.length === 1) return { name: 'train' };
  if (parts[0] === 'runs' && parts.length === 1) return { name: 'runs' };
  if (parts[0] === 'runs' && parts[1] === 'compare' && parts.length === 3) return { name: 'run_compare', ids: parts[2]!.split(',').filter(Boolean) };
  if (parts[0] === 'runs' && parts.length === 2) return { name: 'run', id: parts[1]! };
  if (parts[0] === 'models' && parts.length === 1) return { name: 'models' };
  if (parts[0] === 'leaderboard' && parts.length <= 2) return parts[1] ? { name: 'leaderboard', evalset: parts[1] } : { name: 'leaderboard' };
  if (parts[0] === 'sweeps' && parts.length === 1) return { name: 'sweeps' };
  if (parts[0] === 'sweeps' && parts.length === 2) return { name: 'sweep', id: parts[1]! };
  if (parts[0] === 'evaluate' && parts.length === 1) return { name: 'evaluate' };
  if (parts[0] === 'evaluations' && parts.length === 2) return { name: 'evaluation', id: parts[1]! };
  if (parts[0] === 'evaluations' && parts[1] === 'compare' && parts.length === 4) return { name: 'evaluation_compare', before: parts[2]!, after: parts[3]! };
  if (parts[0] === 'storage' && parts.length === 1) return { name: 'storage' };
  return { name: 'not_found', path };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'traces':
      return '#/traces';
    case 'trace':
      return `#/traces/${encodeURIComponent(route.id)}`;
    case 'compare':
      return `#/compare/${encodeURIComponent(route.left)}/${encodeURIComponent(route.right)}`;
    case 'import':
      return '#/import';
    case 'generate':
      return '#/generate';
    case 'datasets':
      return '#/datasets';
    case 'dataset':
      return `#/datasets/${encodeURIComponent(route.key)}`;
    case 'evalsets':
      return '#/evalsets';
    case 'evalset':
      return `#/evalsets/${encodeURIComponent(route.id)}`;
    case 'train':
      return '#/train';
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'run_compare':
      return `#/runs/compare/${route.ids.map(encodeURIComponent).join(',')}`;
    case 'models':
      return '#/models';
    case 'leaderboard':
      return route.evalset ? `#/leaderboard/${encodeURIComponent(route.evalset)}` : '#/leaderboard';
    case 'sweeps':
      return '#/sweeps';
    case 'sweep':
      return `#/sweeps/${encodeURIComponent(route.id)}`;
    case 'evaluate':
      return '#/evaluate';
    case 'evaluation':
      return `#/evaluations/${encodeURIComponent(route.id)}`;
    case 'evaluation_compare':
      return `#/evaluations/compare/${encodeURIComponent(route.before)}/${encodeURIComponent(route.after)}`;
    case 'storage':
      return '#/storage';
    case 'not_found':
      return `#${route.path}`;
  }
}

export const currentRoute = signal<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    currentRoute.value = parseRoute(location.hash);
  });
}

export function navigate(route: Route): void {
  location.hash = hrefFor(route);
}
