// Types of static-server.mjs, for the TypeScript tests that start their own server.
export function serveStatic(folder: string, port?: number): Promise<{ url: string; close: () => Promise<void> }>;
