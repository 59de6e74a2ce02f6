// The ids and content hashes of every stored trace: what duplicate checks (imports, generated
// sets) need of the store, without the rows, terms and histograms of TraceIndex, so the import
// worker loads and keeps far less than the browser's index. Pure (no Dexie): pages are added as
// they are written, ids removed as they are deleted. Must never hold trace bodies.
import type { TracePageSummary } from './trace-index';

export class StoredKeys {
  private readonly hashOfId = new Map<string, string>();
  private readonly hashCounts = new Map<string, number>();
  private readonly pages = new Set<string>();

  /** Adds a page's ids and hashes; a page already added (a write racing a load) is ignored. */
  addPage(summary: Pick<TracePageSummary, 'id' | 'ids' | 'content_hash'>): void {
    if (this.pages.has(summary.id)) return;
    this.pages.add(summary.id);
    const { ids, content_hash: hashes } = summary;
    for (let k = 0; k < ids.length; k++) {
      const hash = hashes[k]!;
      this.hashOfId.set(ids[k]!, hash);
      this.hashCounts.set(hash, (this.hashCounts.get(hash) ?? 0) + 1);
    }
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      const hash = this.hashOfId.get(id);
      if (hash === undefined) continue;
      this.hashOfId.delete(id);
      const left = this.hashCounts.get(hash)! - 1;
      if (left > 0) this.hashCounts.set(hash, left);
      else this.hashCounts.delete(hash);
    }
  }

  has(id: string): boolean {
    return this.hashOfId.has(id);
  }

  hasHash(hash: string): boolean {
    return this.hashCounts.has(hash);
  }
}
