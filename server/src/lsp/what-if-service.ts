/**
 * The simulation panel over LSP (issue 13): `arch/whatIf` computes one what-if's figures (estimates/
 * what-if.ts, one at a time: what-if-queue.ts; in a worker thread in the Node server) on the Topology of the document's last clean parse,
 * the one the diagram shows;
 * `arch/saveScenario` says where a what-if goes as a `scenario` block, for the client to apply as an edit
 * the user can undo. Nothing here runs while typing: only an open panel asks.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import {
    SaveScenarioRequest, WhatIfRequest, type SaveScenarioParams, type SaveScenarioResult, type WhatIfParams, type WhatIfResult
} from '../protocol.js';
import { formatNumber } from '../present/numbers.js';
import type { Topology } from '../model/topology.js';
import type { DiagramService } from './diagram-service.js';
import type { WhatIfQueue } from './what-if-queue.js';

/** A name of the language (the grammar's ID: `-` inside, never before `>`): what may be written into the file. */
const NAME = /^[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*$/;

export class WhatIfService {
    constructor(private readonly shared: LangiumSharedServices, private readonly diagrams: DiagramService, private readonly queue: WhatIfQueue, connection: Connection) {
        connection.onRequest(WhatIfRequest, params => this.whatIf(params));
        connection.onRequest(SaveScenarioRequest, params => this.saveScenario(params));
    }

    private topologyOf(uri: string): Topology | undefined {
        return this.diagrams.inputOf(uri).input?.topology;
    }

    private async whatIf({ uri, case: request }: WhatIfParams): Promise<WhatIfResult> {
        const topology = this.topologyOf(uri);
        if (!topology) return { whatIf: null };
        const computation = { topology, case: { scenario: typeof request?.scenario === 'string' ? request.scenario : null, fail: strings(request?.fail), cold: strings(request?.cold) } };
        try {
            return { whatIf: await this.queue.compute(String(uri), computation) };
        } catch (error) {
            // A what-if past the time limit, or a worker that died: the panel shows none, the server goes on.
            console.error(`arch/whatIf: ${error instanceof Error ? error.message : String(error)}`);
            return { whatIf: null };
        }
    }

    private saveScenario(params: SaveScenarioParams): SaveScenarioResult {
        const topology = this.topologyOf(params.uri);
        // The open text, by the client's own URI (as the diagram's input is keyed).
        const document = this.shared.workspace.TextDocuments?.get(params.uri);
        if (!topology || !document) return { error: 'This file holds no system (or is not open).' };
        const name = String(params.name ?? '');
        if (!NAME.test(name)) return { error: `\`${name}\` is not a name: letters, digits, _ and -, starting with a letter or _.` };
        if (topology.scenarios.some(s => s.name === name)) return { error: `Scenario ${name} already exists in system ${topology.name}.` };
        const block = scenarioBlock(name, params.peakFactor, strings(params.fail), strings(params.cold));
        // Before the system's closing brace: on a line of its own, indented as a member.
        const end = topology.range.end;
        const brace = { line: end.line, character: Math.max(0, end.character - 1) };
        const lineText = document.getText({ start: { line: brace.line, character: 0 }, end: brace });
        const edit = lineText.trim() === ''
            ? { range: { start: { line: brace.line, character: 0 }, end: { line: brace.line, character: 0 } }, newText: `  ${block}\n` }
            : { range: { start: brace, end: brace }, newText: `\n  ${block}\n` };
        return { edit };
    }
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && NAME.test(v)) : [];
}

/** `scenario NAME { peak 2.5x  fail a, b  cold c }` (the factor to two decimals; none when it is 1). */
export function scenarioBlock(name: string, peakFactor: number, fail: readonly string[], cold: readonly string[]): string {
    const parts: string[] = [];
    const factor = Number.isFinite(peakFactor) && peakFactor > 0 ? Math.round(peakFactor * 100) / 100 : 1;
    if (factor !== 1) parts.push(`peak ${formatNumber(factor).replace(/,/g, '')}x`);
    if (fail.length > 0) parts.push(`fail ${fail.join(', ')}`);
    if (cold.length > 0) parts.push(`cold ${cold.join(', ')}`);
    return `scenario ${name} { ${parts.join('  ')}${parts.length > 0 ? ' ' : ''}}`;
}
