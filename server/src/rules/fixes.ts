/** Text edits that rules offer as quick fixes. They only need the Topology's source ranges. */
import type { Field, FieldType, PropertyName, Replication, SourceRange, Table, TopologyNode } from '../model/topology.js';
import type { Fix, TextEdit } from './rule.js';

const INDENT = '  ';

/** Adds a property line to a node: inside its body when it has one, else by giving it a body. */
export function insertProperty(node: TopologyNode, property: string): TextEdit {
    if (node.bodyEnd) {
        const at = node.bodyEnd;
        const oneLine = at.line === node.range.start.line;
        const newText = oneLine ? `${property} ` : `${INDENT}${property}\n${' '.repeat(at.character)}`;
        return { range: { start: at, end: at }, newText };
    }
    const at = node.nameRange.end;
    return { range: { start: at, end: at }, newText: ` { ${property} }` };
}

/**
 * Adds a member line (`global`, `shard key id`) to a table: before its closing
 * brace when it has a body, else by giving it one. A table's range ends at its
 * name when it has no body, and just after its `}` when it has one.
 */
export function insertTableMember(table: Table, member: string): TextEdit {
    const end = table.range.end;
    const hasBody = end.line !== table.nameRange.end.line || end.character !== table.nameRange.end.character;
    if (!hasBody) {
        const at = table.nameRange.end;
        return { range: { start: at, end: at }, newText: ` { ${member} }` };
    }
    const at = { line: end.line, character: end.character - 1 };
    const oneLine = at.line === table.range.start.line;
    const newText = oneLine ? `${member} ` : `${INDENT}${member}\n${' '.repeat(at.character)}`;
    return { range: { start: at, end: at }, newText };
}

/** Adds a property to a replication block (`failover arbiter zk`): before its `}`, or by giving it a block. */
export function insertReplicationProperty(replication: Replication, property: string): TextEdit {
    const at = replication.bodyEnd;
    if (!at) return { range: { start: replication.range.end, end: replication.range.end }, newText: ` { ${property} }` };
    const oneLine = at.line === replication.range.start.line;
    const newText = oneLine ? `${property} ` : `${INDENT}${property}\n${' '.repeat(at.character)}`;
    return { range: { start: at, end: at }, newText };
}

/** Replaces a declared property, or adds it when the node does not declare it. */
export function setProperty(node: TopologyNode, name: PropertyName, property: string): TextEdit {
    const range = node.props[name];
    return range ? { range, newText: property } : insertProperty(node, property);
}

export function replaceRange(range: SourceRange, newText: string): TextEdit {
    return { range, newText };
}

/**
 * Gives a field another type. The field's range ends with its type word unless
 * `unique` follows it; then the whole field is rewritten (losing only its spacing).
 */
export function retype(field: Field, type: FieldType): TextEdit {
    const end = field.range.end;
    if (!field.unique && field.type !== 'ref' && end.character >= field.type.length) {
        return replaceRange({ start: { line: end.line, character: end.character - field.type.length }, end }, type);
    }
    return replaceRange(field.range, `${field.name} ${type}${field.unique ? ' unique' : ''}`);
}

export function fix(title: string, ...edits: TextEdit[]): Fix {
    return { title, edits };
}
