// Saves generated text as a file through a temporary object URL (same origin, no network).
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(fileName: string, parts: BlobPart[], type = 'application/json'): void {
  downloadBlob(fileName, new Blob(parts, { type }));
}

/** One JSON value per line, as a list of blob parts (no giant intermediate string). */
export function jsonlParts(rows: readonly unknown[]): string[] {
  return rows.map((row) => `${JSON.stringify(row)}\n`);
}
