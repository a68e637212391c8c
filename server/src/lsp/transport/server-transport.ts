/**
 * The reader and writer of the transport named on the command line, as
 * vscode-languageserver's `createConnection()` picks them (`--stdio`,
 * `--node-ipc`, `--socket=N`, `--pipe=NAME`), built here so that the reader
 * can be guarded (guarded-reader.ts) before the connection reads from it.
 */
import {
    createServerPipeTransport, createServerSocketTransport, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
    type MessageReader, type MessageWriter
} from 'vscode-languageserver/node.js';

export interface ServerTransport {
    reader: MessageReader;
    writer: MessageWriter;
    /** Whether the protocol runs on stdout (then nothing else may be printed there). */
    stdio: boolean;
}

/** The value of `--name=V` or `--name V` in `argv`. */
function option(argv: readonly string[], name: string): string | undefined {
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === name) return argv[i + 1];
        if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    }
    return undefined;
}

export function transportFromArgs(argv: readonly string[]): ServerTransport {
    if (argv.includes('--node-ipc')) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    const port = option(argv, '--socket');
    if (port !== undefined) {
        const [reader, writer] = createServerSocketTransport(Number.parseInt(port, 10));
        return { reader, writer, stdio: false };
    }
    const pipe = option(argv, '--pipe');
    if (pipe !== undefined) {
        const [reader, writer] = createServerPipeTransport(pipe);
        return { reader, writer, stdio: false };
    }
    return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
}
