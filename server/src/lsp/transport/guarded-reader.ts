/**
 * The server's input, checked before anything acts on it. Every message a
 * client sends passes here first (a decorator of the transport's
 * MessageReader), so one place decides what the rest may assume:
 *
 * - a request with malformed parameters is answered at once with -32602
 *   InvalidParams naming the bad field (param-checks.ts), and never reaches a
 *   handler that would read `undefined.line`;
 * - a notification with malformed parameters, or a document of another
 *   language (`didOpen` of a `.txt` file), is dropped with a line in the log:
 *   Langium would otherwise build it, throw, and end the process;
 * - a corrupt stream (a header without a valid Content-Length, a body that is
 *   not JSON, a message that never completes) cannot be re-synchronised: the
 *   reader cannot tell where the next message starts. The server says so on
 *   stderr and exits non-zero, so the editor restarts it instead of talking
 *   to a server that will never answer again.
 */
import {
    AbstractMessageReader, ErrorCodes, Message, type DataCallback, type Disposable, type MessageReader, type MessageWriter,
    type NotificationMessage, type RequestMessage
} from 'vscode-languageserver/node.js';
import { problemWithParams } from './param-checks.js';

/** A message that has not completed after this long is taken as a corrupt Content-Length (vscode-jsonrpc reports every 10 s). */
const PARTIAL_MESSAGE_LIMIT_MS = 30_000;

export interface ReaderGuardOptions {
    /** Whether a document opened with this URI and language id is one of ours (else `didOpen` is dropped). */
    acceptsDocument(uri: string, languageId: string): boolean;
    /** Where a dropped message is reported (the client's log). */
    log(message: string): void;
    /** The input can no longer be read: report `reason` and end the process. */
    fatal(reason: string): void;
}

export class GuardedMessageReader extends AbstractMessageReader {
    private shutdownSeen = false;
    /** When the message being read started to wait for the rest of its bytes. */
    private partialSince: number | undefined;

    constructor(private readonly inner: MessageReader, private readonly writer: MessageWriter, private readonly options: ReaderGuardOptions) {
        super();
        inner.onError(error => options.fatal(`the client's messages cannot be read (${error.message.split('\n')[0]})`));
        inner.onClose(() => this.fireClose());
        inner.onPartialMessage(info => {
            this.partialSince ??= Date.now() - info.waitingTime;
            if (Date.now() - this.partialSince >= PARTIAL_MESSAGE_LIMIT_MS) {
                options.fatal(`a message announced by its Content-Length has not completed in ${PARTIAL_MESSAGE_LIMIT_MS / 1000} s`);
            }
        });
    }

    /** Whether a `shutdown` request came before the input closed (the exit code says whether the end was orderly). */
    get shutdownReceived(): boolean {
        return this.shutdownSeen;
    }

    listen(callback: DataCallback): Disposable {
        return this.inner.listen(message => {
            this.partialSince = undefined;
            if (this.admit(message)) callback(message);
        });
    }

    override dispose(): void {
        super.dispose();
        this.inner.dispose();
    }

    /** Whether `message` may go on to the connection; answers or logs the ones that may not. */
    private admit(message: Message): boolean {
        if (Message.isRequest(message)) {
            if (message.method === 'shutdown') this.shutdownSeen = true;
            const problem = problemWithParams(message.method, message.params);
            if (!problem) return true;
            this.answerInvalid(message, problem);
            return false;
        }
        if (Message.isNotification(message)) {
            const problem = problemWithParams(message.method, message.params) ?? this.foreignDocument(message);
            if (!problem) return true;
            this.options.log(`archscope: ignored ${message.method}: ${problem}`);
            return false;
        }
        return true; // responses to the server's own requests, and anything vscode-jsonrpc reports itself
    }

    private foreignDocument(message: NotificationMessage): string | undefined {
        if (message.method !== 'textDocument/didOpen') return undefined;
        const { uri, languageId } = (message.params as { textDocument: { uri: string; languageId: string } }).textDocument;
        return this.options.acceptsDocument(uri, languageId) ? undefined : `${uri} (language ${languageId}) is not an .arch document`;
    }

    private answerInvalid(request: RequestMessage, problem: string): void {
        const reply = { jsonrpc: '2.0', id: request.id, error: { code: ErrorCodes.InvalidParams, message: `${request.method}: ${problem}` } };
        this.writer.write(reply).catch(() => undefined); // a client that went away is the stream's close to report
    }
}
