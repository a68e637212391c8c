/**
 * The first script of the page (boot.js, in <head>): starts the language server's Web Worker (and, for a
 * share link, its layout worker: server-worker-start.ts says when) before the page's own script
 * (playground.js, about 440 KB) is fetched and run, so it loads and starts on the other core meanwhile.
 * main.ts takes the server with `startServerWorker()`.
 */
import { startServerWorker } from './server-worker-start.js';

startServerWorker();
