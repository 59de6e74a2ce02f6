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
