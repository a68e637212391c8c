/**
 * What the parameters of each LSP method the server handles must look like,
 * checked where a message arrives (guarded-reader.ts). A handler deep in
 * Langium that reads `params.position.line` of a request without a position
 * throws a TypeError, which reaches the client as -32603 "Cannot read
 * properties of undefined"; a `didOpen` whose text is `null` throws inside
 * a document build and ends the process. Checked here, the first is
 * -32602 InvalidParams with the path of the bad field, and the second is
 * dropped with a line in the log.
 *
 * Only what the handlers read is checked: clients may send more (new LSP
 * fields), and a method not listed here passes unchecked (vscode-jsonrpc
 * answers an unknown request with MethodNotFound).
 */
import { ExportRequest, SceneRequest } from '../../protocol.js';

/** A check returns what is wrong with `value` (at `path`), or undefined when it is fine. */
type Check = (value: unknown, path: string) => string | undefined;

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

const string: Check = (value, path) => (typeof value === 'string' ? undefined : `${path} must be a string, not ${describe(value)}`);
const integer: Check = (value, path) =>
    typeof value === 'number' && Number.isInteger(value) ? undefined : `${path} must be an integer, not ${typeof value === 'number' ? value : describe(value)}`;
/** LSP positions and lengths are unsigned integers (uinteger: 0 to 2^31 − 1). */
const uinteger: Check = (value, path) =>
    integer(value, path) ?? ((value as number) < 0 || (value as number) > 2 ** 31 - 1 ? `${path} must be between 0 and 2^31 − 1, not ${value as number}` : undefined);
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path} must be true or false, not ${describe(value)}`);

function optional(check: Check): Check {
    return (value, path) => (value === undefined || value === null ? undefined : check(value, path));
}

function object(fields: Record<string, Check>): Check {
    return (value, path) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object, not ${describe(value)}`;
        for (const [name, check] of Object.entries(fields)) {
            const problem = check((value as Record<string, unknown>)[name], `${path}.${name}`);
            if (problem) return problem;
        }
        return undefined;
    };
}

function array(item: Check): Check {
    return (value, path) => {
        if (!Array.isArray(value)) return `${path} must be an array, not ${describe(value)}`;
        for (let i = 0; i < value.length; i++) {
            const problem = item(value[i], `${path}[${i}]`);
            if (problem) return problem;
        }
        return undefined;
    };
}

function oneOf(...values: readonly (string | number)[]): Check {
    return (value, path) => (values.includes(value as string | number) ? undefined : `${path} must be one of ${values.join(', ')}, not ${JSON.stringify(value) ?? describe(value)}`);
}

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const documentId = object({ uri: string });
const onDocument = (more: Record<string, Check> = {}): Check => object({ textDocument: documentId, ...more });
const atPosition = (more: Record<string, Check> = {}): Check => onDocument({ position, ...more });
const anyObject = object({});

/** The methods whose parameters are checked, and how. */
const PARAMS: Record<string, Check> = {
    // Notifications: a bad one is dropped (nothing can be answered).
    'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
    'textDocument/didChange': object({
        textDocument: object({ uri: string, version: integer }),
        contentChanges: array(object({ text: string, range: optional(range) }))
    }),
    'textDocument/didClose': onDocument(),
    'textDocument/didSave': onDocument({ text: optional(string) }),
    'textDocument/willSave': onDocument({ reason: integer }),
    'workspace/didChangeWatchedFiles': object({ changes: array(object({ uri: string, type: oneOf(1, 2, 3) })) }),
    'workspace/didChangeConfiguration': anyObject,
    'workspace/didChangeWorkspaceFolders': object({ event: object({ added: array(object({ uri: string, name: string })), removed: array(object({ uri: string, name: string })) }) }),
    // Requests: a bad one is answered with InvalidParams.
    initialize: object({ capabilities: anyObject }),
    'textDocument/hover': atPosition(),
    'textDocument/completion': atPosition(),
    'textDocument/definition': atPosition(),
    'textDocument/declaration': atPosition(),
    'textDocument/typeDefinition': atPosition(),
    'textDocument/implementation': atPosition(),
    'textDocument/references': atPosition({ context: object({ includeDeclaration: boolean }) }),
    'textDocument/documentHighlight': atPosition(),
    'textDocument/signatureHelp': atPosition(),
    'textDocument/prepareRename': atPosition(),
    'textDocument/rename': atPosition({ newName: string }),
    'textDocument/linkedEditingRange': atPosition(),
    'textDocument/prepareCallHierarchy': atPosition(),
    'textDocument/prepareTypeHierarchy': atPosition(),
    'textDocument/onTypeFormatting': atPosition({ ch: string, options: anyObject }),
    'textDocument/documentSymbol': onDocument(),
    'textDocument/codeLens': onDocument(),
    'textDocument/foldingRange': onDocument(),
    'textDocument/documentLink': onDocument(),
    'textDocument/semanticTokens/full': onDocument(),
    'textDocument/semanticTokens/full/delta': onDocument({ previousResultId: string }),
    'textDocument/semanticTokens/range': onDocument({ range }),
    'textDocument/inlayHint': onDocument({ range }),
    'textDocument/formatting': onDocument({ options: anyObject }),
    'textDocument/rangeFormatting': onDocument({ range, options: anyObject }),
    'textDocument/codeAction': onDocument({ range, context: object({ diagnostics: array(object({ range, message: string })) }) }),
    'textDocument/diagnostic': onDocument(),
    'textDocument/selectionRange': onDocument({ positions: array(position) }),
    'workspace/symbol': object({ query: string }),
    'workspace/executeCommand': object({ command: string, arguments: optional(array(() => undefined)) }),
    'codeLens/resolve': object({ range }),
    'completionItem/resolve': object({ label: string }),
    [SceneRequest.method]: object({ uri: string }),
    [ExportRequest.method]: object({ uri: string, format: string, theme: optional(string) })
};

/** What is wrong with the parameters of a `method` message, or undefined when they are fine (or not checked). */
export function problemWithParams(method: string, params: unknown): string | undefined {
    const check = PARAMS[method];
    return check ? check(params, 'params') : undefined;
}

/** Whether the parameters of `method` are checked here (the tests cover every such method). */
export const CHECKED_METHODS: readonly string[] = Object.keys(PARAMS);
