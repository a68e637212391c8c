/**
 * Highlighting of `.arch` text in the playground's editor: a stream tokenizer for the words of
 * LANGUAGE.md (CodeMirror's StreamLanguage: no parser of its own; the language server checks the text).
 * Block words and node kinds are keywords, property words are properties, numbers carry their unit.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const BLOCKS = new Set(['system', 'traffic', 'zone', 'target', 'scenario', 'table', 'replication']);
const KINDS = new Set(['dns', 'cdn', 'balancer', 'service', 'cache', 'queue', 'worker', 'database', 'coordinator', 'storage', 'search', 'external', 'client']);
const PROPERTIES = new Set([
    'peak', 'reads', 'keys', 'zipf', 'think', 'instances', 'autoscale', 'capacity', 'latency', 'availability', 'zones', 'sessions', 'hit',
    'algorithm', 'sticky', 'health', 'every', 'routing', 'engine', 'label', 'managed', 'policy', 'replicas', 'lag', 'mode', 'failover',
    'shards', 'by', 'kind', 'global', 'shard', 'key', 'unique', 'ref', 'p99', 'mean', 'utilization', 'stale', 'data_loss', 'fail', 'cold',
    'each', 'writes'
]);

const archParser: StreamParser<{ comment: boolean }> = {
    name: 'arch',
    startState: () => ({ comment: false }),
    token(stream, state) {
        if (state.comment) {
            if (stream.skipTo('*/')) {
                stream.match('*/');
                state.comment = false;
            } else stream.skipToEnd();
            return 'blockComment';
        }
        if (stream.eatSpace()) return null;
        if (stream.match('//')) {
            stream.skipToEnd();
            return stream.current().includes('@allow') ? 'meta' : 'lineComment';
        }
        if (stream.match('/*')) {
            state.comment = true;
            return 'blockComment';
        }
        if (stream.match(/^"(?:\\["\\]|[^"\\])*"?/)) return 'string';
        if (stream.match('->')) return 'operator';
        if (stream.match(/^[0-9]+(?:\.[0-9]+)?(?:%|x\b|[A-Za-z]+)?/)) return 'number';
        if (stream.match(/^[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*/)) {
            const word = stream.current();
            if (BLOCKS.has(word) || KINDS.has(word)) return 'keyword';
            if (PROPERTIES.has(word)) return 'propertyName';
            return 'variableName';
        }
        stream.next();
        return 'punctuation';
    },
    languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } }
};

export const archLanguage = StreamLanguage.define(archParser);
