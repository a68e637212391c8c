/**
 * The `archscope` command (out/cli.cjs). A thin shell: parse the arguments,
 * call the command, print, exit. Exit codes: 0 clean or warnings only,
 * 1 errors found, 2 bad usage or unreadable input (one line on stderr).
 */
import { CHECK_FORMATS, runCheck, type CheckFormat } from './check-command.js';
import { runSimulate, SIMULATE_FORMATS, type SimulateFormat } from './simulate-command.js';
import { UsageError } from './usage-error.js';

const VERSION = '0.1.0';

const USAGE = `Usage:
  archscope check FILE|DIR... [--format text|json|sarif]   check designs; exit 1 when a finding is an error
  archscope simulate FILE [--format text|json]             estimates: load, utilization, latency, availability
  archscope lsp --stdio                                    the language server, for any editor
  archscope --version | --help`;

/** Where the bundle (or, when run from sources, the working directory) is: `docs/rules` is found from there. */
const docsFrom = typeof __dirname === 'string' ? __dirname : process.cwd();

interface ParsedArgs { positional: string[]; format?: string }

function parseArgs(args: readonly string[]): ParsedArgs {
    const parsed: ParsedArgs = { positional: [] };
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--format' || arg === '-f') {
            if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
            parsed.format = args[++i];
        } else if (arg.startsWith('--format=')) {
            parsed.format = arg.slice('--format='.length);
        } else if (arg.startsWith('-') && arg !== '-') {
            throw new UsageError(`unknown option ${arg}`);
        } else {
            parsed.positional.push(arg);
        }
    }
    return parsed;
}

function chooseFormat<F extends string>(format: string | undefined, allowed: readonly F[]): F {
    if (format === undefined) return allowed[0];
    if ((allowed as readonly string[]).includes(format)) return format as F;
    throw new UsageError(`unknown format ${format}: use ${allowed.join(', ')}`);
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
            const args = parseArgs(rest);
            const result = await runSimulate({ paths: args.positional, format: chooseFormat<SimulateFormat>(args.format, SIMULATE_FORMATS), docsFrom });
            process.stdout.write(result.stdout);
            return result.exitCode;
        }
        case 'lsp': {
            if (!rest.some(arg => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
                throw new UsageError('lsp needs a transport: archscope lsp --stdio');
            }
            const { startServer } = await import('../language/start-server.js');
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
            throw new UsageError('no command given (check, simulate, lsp); see archscope --help');
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
