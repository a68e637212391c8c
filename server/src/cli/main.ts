/**
 * The `archscope` command (out/cli.cjs). A thin shell: parse the arguments,
 * call the command, print, exit. Exit codes: 0 clean or warnings only,
 * 1 errors found, 2 bad usage or unreadable input (one line on stderr).
 */
import { LAYOUT_LIMIT_MS } from '../diagram/layout-function.js';
import { CHECK_FORMATS, runCheck, type CheckFormat } from './check-command.js';
import { runExport } from './export-command.js';
import { runFormat } from './format-command.js';
import { runSimulate, SIMULATE_FORMATS, type SimulateFormat } from './simulate-command.js';
import { removeTempFilesOnExit } from './temp-files.js';
import { UsageError } from './usage-error.js';

const VERSION = '0.1.0';

const USAGE = `Usage:
  archscope check FILE|DIR... [--format text|json|sarif]   check designs; exit 1 when a finding is an error
  archscope simulate FILE [--format text|json] [--scenario NAME]
                                                           estimates: load, utilization, latency, availability,
                                                           for the base case and each scenario; targets met or missed
  archscope simulate FILE --check [--seed N] [--format text|json]
                                                           the estimates beside an independent seeded simulation,
                                                           figure by figure, with whether they agree
  archscope export FILE --format svg|png|mermaid|markdown [--out PATH] [--theme light|dark] [--layout-timeout SECONDS]
                                                           the diagram as a file (stdout without --out); the layout
                                                           of svg and png stops after ${LAYOUT_LIMIT_MS / 1000} s unless raised
  archscope format FILE|DIR... [--check]                   rewrite files in the house style; --check: exit 1 if one would change
  archscope lsp --stdio                                    the language server, for any editor
  archscope --version | --help`;

/** The folder of the bundle (out/), where the layout worker is; undefined when run from sources. */
const bundleFolder = typeof __dirname === 'string' ? __dirname : undefined;
/** Where the bundle (or, when run from sources, the working directory) is: `docs/rules` is found from there. */
const docsFrom = bundleFolder ?? process.cwd();

type OptionName = 'format' | 'out' | 'theme' | 'layout-timeout' | 'seed' | 'scenario';
type ParsedArgs = { positional: string[] } & Partial<Record<OptionName, string>>;

const SHORT: Record<string, OptionName> = { '-f': 'format', '-o': 'out' };

/** Positional arguments and the value options the command takes (`--name V`, `--name=V`, or a short form). */
function parseArgs(args: readonly string[], options: readonly OptionName[] = ['format']): ParsedArgs {
    const parsed: ParsedArgs = { positional: [] };
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
        const name = SHORT[flag] ?? (flag.startsWith('--') ? (flag.slice(2) as OptionName) : undefined);
        if (name !== undefined && options.includes(name)) {
            if (inline !== undefined) {
                parsed[name] = inline;
            } else {
                if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
                parsed[name] = args[++i];
            }
        } else if (arg.startsWith('-') && arg !== '-') {
            throw new UsageError(`unknown option ${arg}`);
        } else {
            parsed.positional.push(arg);
        }
    }
    return parsed;
}

/** `--seed N`: a whole number from 0 to 2^32 − 1 (the simulator's seeds are 32 bits). */
function parseSeed(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const seed = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(seed <= 0xffffffff)) throw new UsageError(`--seed takes a whole number from 0 to 4294967295, got ${text}`);
    return seed;
}

function chooseFormat<F extends string>(format: string | undefined, allowed: readonly F[]): F {
    if (format === undefined) return allowed[0];
    if ((allowed as readonly string[]).includes(format)) return format as F;
    throw new UsageError(`unknown format ${format}: use ${allowed.join(', ')}`);
}

/** Resolves once `data` is handed to the OS: a large SVG or PNG piped to another process must not be cut short. */
function writeStdout(data: string | Buffer): Promise<void> {
    if (data.length === 0) return Promise.resolve();
    // EPIPE: the reader went away (`| head`); what it did not read it did not want. The stream also emits it
    // as an 'error' event after the callback: without a listener that would crash the process.
    const ignoreEpipe = (error: NodeJS.ErrnoException): void => {
        if (error.code !== 'EPIPE') throw error;
    };
    process.stdout.on('error', ignoreEpipe);
    return new Promise((resolve, reject) => process.stdout.write(data, error => (error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve())));
}

async function main(argv: readonly string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case 'check': {
            const args = parseArgs(rest);
            const result = await runCheck({ paths: args.positional, format: chooseFormat<CheckFormat>(args.format, CHECK_FORMATS), docsFrom, version: VERSION });
            process.stdout.write(result.stdout);
            process.stderr.write(result.stderr);
            return result.exitCode;
        }
        case 'simulate': {
            const check = rest.includes('--check');
            const args = parseArgs(rest.filter(arg => arg !== '--check'), ['format', 'seed', 'scenario']);
            if (args.seed !== undefined && !check) throw new UsageError('--seed goes with --check');
            const result = await runSimulate({
                paths: args.positional, format: chooseFormat<SimulateFormat>(args.format, SIMULATE_FORMATS), docsFrom, check, seed: parseSeed(args.seed),
                scenario: args.scenario
            });
            process.stdout.write(result.stdout);
            return result.exitCode;
        }
        case 'export': {
            const args = parseArgs(rest, ['format', 'out', 'theme', 'layout-timeout']);
            removeTempFilesOnExit();
            const result = await runExport({
                paths: args.positional, format: args.format, out: args.out, theme: args.theme, docsFrom,
                stdoutIsTerminal: process.stdout.isTTY === true, docsBase: process.env.ARCHSCOPE_DOCS_BASE,
                layoutTimeout: args['layout-timeout'], bundleFolder
            });
            process.stderr.write(result.stderr);
            await writeStdout(result.stdout);
            return result.exitCode;
        }
        case 'format': {
            const check = rest.includes('--check');
            const args = parseArgs(rest.filter(arg => arg !== '--check'), []);
            removeTempFilesOnExit();
            const result = await runFormat({ paths: args.positional, check, docsFrom });
            process.stderr.write(result.stderr);
            return result.exitCode;
        }
        case 'lsp': {
            if (!rest.some(arg => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
                throw new UsageError('lsp needs a transport: archscope lsp --stdio');
            }
            const { startServer } = await import('../lsp/start-server.js');
            startServer(docsFrom);
            return -1; // keep running: the connection ends the process
        }
        case '--version': case '-v':
            process.stdout.write(`${VERSION}\n`);
            return 0;
        case '--help': case '-h': case 'help':
            process.stdout.write(`${USAGE}\n`);
            return 0;
        case undefined:
            throw new UsageError('no command given (check, simulate, export, format, lsp); see archscope --help');
        default:
            throw new UsageError(`unknown command ${command}; see archscope --help`);
    }
}

main(process.argv.slice(2)).then(
    code => {
        if (code >= 0) process.exitCode = code;
    },
    error => {
        if (error instanceof UsageError) {
            process.stderr.write(`archscope: ${error.message}\n`);
            process.exitCode = 2;
        } else {
            process.stderr.write(`archscope: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
            process.exitCode = 3;
        }
    }
);
