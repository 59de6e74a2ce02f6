// Where an export's files go: the File System Access API (a save picker for one file, a folder
// picker for train.jsonl + eval.jsonl) where the browser has it, else downloads of Blobs built
// from the worker's Blob pieces (the bytes stay in the browser's blob store, so the page heap
// stays flat). Pickers must be opened from the click itself: create the target first, then export.
import { downloadBlob } from '../../ui/download';

/** The sink the export client feeds, one file at a time. */
export interface SaveTarget {
  open(name: string): Promise<void>;
  write(blob: Blob): Promise<void>;
  close(): Promise<void>;
  /** Drops a partly written file after cancel or failure. */
  abort(): Promise<void>;
}

interface WritableFile {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface FileHandle {
  createWritable(): Promise<WritableFile>;
}
interface DirectoryHandle {
  getFileHandle(name: string, options: { create: boolean }): Promise<FileHandle>;
}
interface FileSystemAccessWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileHandle>;
  showDirectoryPicker?: (options: { mode: 'readwrite' }) => Promise<DirectoryHandle>;
}

const fileSystemAccess = (): FileSystemAccessWindow => (typeof window === 'undefined' ? {} : (window as unknown as FileSystemAccessWindow));

/** Whether pickers can save `fileCount` files (one: save picker; more: folder picker). */
export function canPickSaveLocation(fileCount: number): boolean {
  const api = fileSystemAccess();
  return fileCount === 1 ? typeof api.showSaveFilePicker === 'function' : typeof api.showDirectoryPicker === 'function';
}

function writableTarget(openFile: (name: string) => Promise<WritableFile>): SaveTarget {
  let current: WritableFile | null = null;
  return {
    async open(name) {
      current = await openFile(name);
    },
    async write(blob) {
      await current!.write(blob);
    },
    async close() {
      await current?.close();
      current = null;
    },
    async abort() {
      await current?.abort().catch(() => undefined);
      current = null;
    },
  };
}

/**
 * Asks where to save (call it from the click handler): a file for one output, a folder for
 * several. Null when the person closes the picker.
 */
export async function pickSaveTarget(fileNames: string[]): Promise<SaveTarget | null> {
  const api = fileSystemAccess();
  try {
    if (fileNames.length === 1) {
      const name = fileNames[0]!;
      const zip = name.endsWith('.zip');
      const handle = await api.showSaveFilePicker!({
        suggestedName: name,
        types: [zip ? { description: 'Zip archive', accept: { 'application/zip': ['.zip'] } } : { description: 'JSON Lines', accept: { 'application/x-ndjson': ['.jsonl'] } }],
      });
      return writableTarget(() => handle.createWritable());
    }
    const folder = await api.showDirectoryPicker!({ mode: 'readwrite' });
    return writableTarget(async (name) => (await folder.getFileHandle(name, { create: true })).createWritable());
  } catch (error) {
    if ((error as { name?: unknown }).name === 'AbortError') return null;
    throw error;
  }
}

/** Each file becomes a download once it is complete. */
export function downloadTarget(): SaveTarget {
  let parts: Blob[] = [];
  let name = '';
  return {
    async open(next) {
      name = next;
      parts = [];
    },
    async write(blob) {
      parts.push(blob);
    },
    async close() {
      const type = name.endsWith('.zip') ? 'application/zip' : 'application/x-ndjson';
      downloadBlob(name, new Blob(parts, { type }));
      parts = [];
    },
    async abort() {
      parts = [];
    },
  };
}
