import type { Server } from 'node:http';

/** Serves `folder` on 127.0.0.1:`port` (0: any free port); resolves with the server and its origin. */
export function serveStatic(folder: string, port?: number): Promise<{ server: Server; origin: string }>;
