/** Entry point of the bundled language server (out/server.cjs), started by the VS Code extension. */
import { startServer } from './lsp/start-server.js';

startServer(typeof __dirname === 'string' ? __dirname : process.cwd());
