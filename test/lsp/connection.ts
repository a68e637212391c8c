/**
 * The built language server as an editor sees it: `node out/cli.cjs lsp --stdio`
 * in a child process in a fresh folder, spoken to over a real JSON-RPC
 * connection on its stdin and stdout. It answers `workspace/configuration`
 * for the `archscope` section, records the other requests the server makes
 * (`*\/refresh`, registrations) and every publishDiagnostics.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type {
    ClientCapabilities, ConfigurationParams, Diagnostic, InitializeParams, InitializeResult, PublishDiagnosticsParams
} from 'vscode-languageserver-protocol';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'out', 'cli.cjs');

/** A hang guard for one awaited server reaction, well inside vitest's 60 s test timeout. */
export const WAIT_MS = 40_000;

export interface LspSession {
    dir: string;
    connection: MessageConnection;
    server: ChildProcessWithoutNullStreams;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    initializeResult: InitializeResult;
    /** Everything the server wrote to stderr so far. */
    stderr(): string;
    /** Every `workspace/configuration` request, in arrival order. */
    configurationRequests: ConfigurationParams[];
    /** The methods of the other requests the server sent, in arrival order. */
    serverRequests: string[];
    /** Resolves when the server next sends a request of `method` (from the time of the call on). */
    nextServerRequest(method: string): Promise<void>;
    /** Every publishDiagnostics, per URI, in arrival order. */
    published: Map<string, Diagnostic[][]>;
    uriOf(name: string): string;
    /** Opens a document (didOpen) named `name` in the session's folder; returns its URI. */
    open(name: string, text: string): Promise<string>;
    /** Replaces the whole text of an open document (didChange). */
    change(uri: string, text: string): Promise<void>;
    /** The first diagnostics published for `uri` (already or from now on) that satisfy `accept`. */
    diagnosticsWhere(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]>;
    /** Ends the process if it is still running and removes the folder. */
    close(): Promise<void>;
}

export interface LspOptions {
    /** What to answer for the section `archscope`, read at each request. */
    settings: () => unknown;
    /** Client capabilities beyond configuration, diagnostics and document symbols. */
    capabilities?: ClientCapabilities;
    /** Files written into the session's folder before the server starts (name → text). */
    files?: Record<string, string>;
    /** Options for node before the server's script (`--expose-gc`). */
    nodeArgs?: string[];
}

export async function startLsp(options: LspOptions): Promise<LspSession> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the server is tested as the built bundle).`);
    const dir = mkdtempSync(join(tmpdir(), 'archscope-lsp-'));
    for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), text);
    const server = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'lsp', '--stdio'], { cwd: dir, stdio: 'pipe' });
    let stderr = '';
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk: string) => { stderr += chunk; });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve => server.on('exit', (code, signal) => resolve({ code, signal })));

    const configurationRequests: ConfigurationParams[] = [];
    const serverRequests: string[] = [];
    const published = new Map<string, Diagnostic[][]>();
    const waiters: (() => void)[] = [];
    const requestWaiters: { method: string; resolve: () => void }[] = [];

    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
        configurationRequests.push(params);
        return params.items.map(item => item.section === 'archscope' ? options.settings() : null);
    });
    // client/registerCapability, window/workDoneProgress/create, */refresh ...: recorded, nothing to do.
    connection.onRequest((method: string) => {
        serverRequests.push(method);
        for (const waiter of requestWaiters.filter(w => w.method === method)) {
            requestWaiters.splice(requestWaiters.indexOf(waiter), 1);
            waiter.resolve();
        }
        return null;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const list = published.get(params.uri) ?? [];
        list.push(params.diagnostics);
        published.set(params.uri, list);
        for (const waiter of [...waiters]) waiter();
    });
    connection.listen();

    const initialize: InitializeParams = {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'lsp-test' }],
        capabilities: {
            ...options.capabilities,
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, ...options.capabilities?.workspace },
            textDocument: {
                synchronization: { dynamicRegistration: false },
                publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
                documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                ...options.capabilities?.textDocument
            }
        }
    };
    const initializeResult = await connection.sendRequest<InitializeResult>('initialize', initialize);
    await connection.sendNotification('initialized', {});

    let version = 0;
    const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

    return {
        dir, connection, server, exited, initializeResult, configurationRequests, serverRequests, published, uriOf,
        stderr: () => stderr,
        async open(name, text) {
            const uri = uriOf(name);
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: ++version, text } });
            return uri;
        },
        async change(uri, text) {
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
        },
        nextServerRequest(method) {
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => {
                    const index = requestWaiters.indexOf(waiter);
                    if (index >= 0) requestWaiters.splice(index, 1);
                    reject(new Error(`the server sent no ${method} request; it sent ${JSON.stringify(serverRequests)}; server stderr: ${stderr.slice(-2000)}`));
                }, WAIT_MS);
                const waiter = { method, resolve: () => { clearTimeout(timer); resolve(); } };
                requestWaiters.push(waiter);
            });
        },
        diagnosticsWhere(uri, accept, what) {
            // Stale publications cannot pass: each caller's `accept` only holds for the state it waits for.
            return new Promise((resolve, reject) => {
                const check = (): boolean => {
                    const found = (published.get(uri) ?? []).find(accept);
                    if (found) {
                        clearTimeout(timer);
                        resolve(found);
                        return true;
                    }
                    return false;
                };
                const timer = setTimeout(() => {
                    const index = waiters.indexOf(waiter);
                    if (index >= 0) waiters.splice(index, 1);
                    const last = (published.get(uri) ?? []).at(-1);
                    reject(new Error(`no diagnostics for ${uri} where ${what}; last published codes: ${JSON.stringify(last?.map(d => d.code))}; server stderr: ${stderr.slice(-2000)}`));
                }, WAIT_MS);
                const waiter = (): void => {
                    if (check()) waiters.splice(waiters.indexOf(waiter), 1);
                };
                if (!check()) waiters.push(waiter);
            });
        },
        async close() {
            connection.dispose();
            if (server.exitCode === null && server.signalCode === null) {
                server.kill('SIGKILL');
                await exited;
            }
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
