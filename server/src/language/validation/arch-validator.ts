/**
 * The checks Langium runs on every change: values, units and names first
 * (code `syntax` / `link`), then the design rules on the Topology.
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type * as ast from '../generated/ast.js';
import { DURATION_UNITS, RATE_UNITS } from '../../model/units.js';
import { LINK_CODE, SYNTAX_CODE } from '../../rules/registry.js';
import { checkTopology } from '../../rules/run-rules.js';
import type { ArchServices } from '../../arch-module.js';
import { findingToDiagnosticInfo } from './finding-diagnostics.js';
import { invalidValueMessage, TYPES_WITH_INVALID } from '../parser/invalid-values.js';
import { APPLIES_TO, CLIENT_PROPERTIES, propertiesOf } from '../node-properties.js';


/** A number past the largest double (about 1.8e308) reads as Infinity: no estimate can use it. */
const TOO_LARGE = (what: string): string => `This \`${what}\` is too large to be a number (1.8e308 or more): write a realistic value.`;

function plural(kind: string): string {
    return kind === 'cache' ? 'caches' : `${kind}${kind.endsWith('s') || kind.endsWith('ch') ? 'es' : 's'}`;
}

function list(words: readonly string[]): string {
    return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The words of a target block, in LANGUAGE.md's order. */
const TARGET_WORDS = ['availability', 'p99', 'mean', 'utilization', 'stale', 'data_loss'] as const;

export class ArchValidator {
    constructor(private readonly services: ArchServices) {}

    checks(): ValidationChecks<ast.ArchAstType> {
        const invalidChecks = Object.fromEntries(TYPES_WITH_INVALID.map(type => [type, [this.checkInvalidWords]]));
        return {
            ...invalidChecks,
            Model: [this.checkOneSystem, this.checkRules],
            System: [this.checkUniqueNames, this.checkOneTraffic, this.checkOneTarget, this.checkUniqueScenarios],
            Target: [this.checkTargetProperties],
            Scenario: [this.checkScenarioProperties],
            ScenarioPeak: [this.checkInvalidWords, this.checkScenarioPeak],
            Fail: [this.checkFail],
            Cold: [this.checkCold],
            Node: [this.checkProperties],
            Engine: [this.checkEngine],
            EdgeStep: [this.checkEdgeTarget],
            Table: [this.checkTable],
            Quantity: [this.checkInvalidWords, this.checkQuantity],
            Percent: [this.checkInvalidWords, this.checkPercent],
            Share: [this.checkPercent],
            Instances: [this.checkInvalidWords, (n, a) => this.checkCount(n, 'count', 1, 'instances', a)],
            Autoscale: [this.checkInvalidWords, this.checkAutoscale],
            Replicas: [this.checkInvalidWords, (n, a) => this.checkCount(n, 'count', 0, 'replicas', a)],
            Shards: [this.checkInvalidWords, (n, a) => this.checkCount(n, 'count', 1, 'shards', a)],
            Keys: [this.checkInvalidWords, this.checkKeys],
            Failover: [this.checkInvalidWords, this.checkArbiter],
            Replication: [this.checkInvalidWords, this.checkReplication]
        };
    }

    /** A word where a number or a fixed word belongs (the grammar's `invalid+=ID` alternatives). */
    private checkInvalidWords = (node: AstNode & { invalid?: string[]; keyword?: string }, accept: ValidationAcceptor): void => {
        node.invalid?.forEach((word, index) => {
            accept('error', invalidValueMessage(node, word), { node, property: 'invalid', index, code: SYNTAX_CODE } as never);
        });
    };

    private checkOneSystem = (model: ast.Model, accept: ValidationAcceptor): void => {
        for (const extra of model.systems.slice(1)) {
            accept('error', `A file holds one system: move system ${extra.name} to a file of its own.`,
                { node: extra, property: 'name', code: SYNTAX_CODE });
        }
    };

    private checkRules = (model: ast.Model, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        const config = this.services.settings.forDocument(document.uri);
        for (const { system, topology, context } of this.services.analysis.analyze(model)) {
            for (const problem of config.problems) {
                accept('warning', problem, { node: system, property: 'name', code: 'config' });
            }
            for (const finding of checkTopology(topology, config.rules, undefined, context)) {
                const { severity, message, info } = findingToDiagnosticInfo(finding, system, this.services.docs, topology);
                accept(severity, message, info);
            }
        }
    };

    private checkUniqueNames = (system: ast.System, accept: ValidationAcceptor): void => {
        const seen = new Map<string, string>();
        const tables = new Set<string>();
        for (const member of system.members) {
            if (member.$type === 'Node' || member.$type === 'Zone') {
                if (!member.name) continue;
                const what = member.$type === 'Zone' ? 'zone' : member.kind;
                const earlier = seen.get(member.name);
                if (earlier) {
                    accept('error', `\`${member.name}\` is already the name of a ${earlier} in system ${system.name}: names of nodes and zones are unique within their system.`,
                        { node: member, property: 'name', code: LINK_CODE });
                } else seen.set(member.name, what);
            }
            if (member.$type !== 'Node') continue;
            for (const prop of member.props) {
                if (prop.$type !== 'Table' || !prop.name) continue;
                if (tables.has(prop.name)) {
                    accept('error', `Table \`${prop.name}\` is already declared in system ${system.name}: table names are unique within their system (\`ref ${prop.name}\` must mean one table).`,
                        { node: prop, property: 'name', code: LINK_CODE });
                } else tables.add(prop.name);
            }
        }
    };

    private checkOneTraffic = (system: ast.System, accept: ValidationAcceptor): void => {
        for (const extra of system.members.filter(m => m.$type === 'Traffic').slice(1)) {
            accept('error', `System ${system.name} already has a traffic block: merge the two.`, { node: extra, keyword: 'traffic', code: SYNTAX_CODE });
        }
    };

    private checkOneTarget = (system: ast.System, accept: ValidationAcceptor): void => {
        for (const extra of system.members.filter(m => m.$type === 'Target').slice(1)) {
            accept('error', `System ${system.name} already has a target block: merge the two.`, { node: extra, property: 'keyword', code: SYNTAX_CODE });
        }
    };

    private checkUniqueScenarios = (system: ast.System, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const member of system.members) {
            if (member.$type !== 'Scenario' || !member.name) continue;
            if (seen.has(member.name)) {
                accept('error', `Scenario \`${member.name}\` is already declared in system ${system.name}: scenario names are unique.`,
                    { node: member, property: 'name', code: LINK_CODE });
            }
            seen.add(member.name);
        }
    };

    /** A target block says each of its six words once; anything else gets the list of them. */
    private checkTargetProperties = (target: ast.Target, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const prop of target.props) {
            if (prop.$type === 'UnknownProperty' || prop.$type === 'UnknownWord') {
                accept('error', `\`${prop.word}\` is not a target: a target block takes ${list(TARGET_WORDS.map(word => `\`${word}\``))}.`,
                    { node: prop, property: 'word', code: SYNTAX_CODE });
            } else if (seen.has(prop.keyword)) {
                accept('error', `This target block declares \`${prop.keyword}\` twice: keep one.`, { node: prop, property: 'keyword', code: SYNTAX_CODE });
            } else seen.add(prop.keyword);
        }
    };

    private checkScenarioProperties = (scenario: ast.Scenario, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const prop of scenario.props) {
            if (prop.$type === 'UnknownProperty' || prop.$type === 'UnknownWord') {
                accept('error', `\`${prop.word}\` is not part of a scenario: it takes \`peak\`, \`fail\`, \`cold\` and \`target { ... }\`.`,
                    { node: prop, property: 'word', code: SYNTAX_CODE });
                continue;
            }
            if (!prop.keyword) continue;
            if (seen.has(prop.keyword)) {
                const hint = prop.keyword === 'fail' || prop.keyword === 'cold' ? ` (list them after one \`${prop.keyword}\`, separated by commas)` : '';
                accept('error', `Scenario ${scenario.name} declares \`${prop.keyword}\` twice: keep one${hint}.`, { node: prop, property: 'keyword', code: SYNTAX_CODE });
            } else seen.add(prop.keyword);
        }
    };

    private checkScenarioPeak = (peak: ast.ScenarioPeak, accept: ValidationAcceptor): void => {
        if (peak.value === undefined) return; // a stray word: checkInvalidWords
        if (!Number.isFinite(peak.value)) {
            accept('error', TOO_LARGE('peak'), { node: peak, property: 'value', code: SYNTAX_CODE });
        } else if (peak.times) {
            if (peak.value <= 0) accept('error', `\`peak ${peak.value}x\` must be more than 0x.`, { node: peak, property: 'value', code: SYNTAX_CODE });
        } else if (peak.unit === undefined) {
            accept('error', `A scenario's \`peak\` needs \`x\` or a unit: \`peak ${peak.value}x\` (every client's peak times ${peak.value}) or \`peak ${peak.value} rps\` (all clients together).`,
                { node: peak, property: 'value', code: SYNTAX_CODE });
        } else if (!(peak.unit in RATE_UNITS)) {
            accept('error', `\`${peak.unit}\` is not a rate unit: a scenario's \`peak\` is in requests per second (\`peak ${peak.value} rps\`) or a factor (\`peak ${peak.value}x\`).`,
                { node: peak, property: 'unit', code: SYNTAX_CODE });
        } else if (peak.value <= 0) {
            accept('error', '`peak` must be more than 0 rps.', { node: peak, property: 'value', code: SYNTAX_CODE });
        }
    };

    /** `fail` takes zones and nodes; a client sends load and has nothing to lose. */
    private checkFail = (fail: ast.Fail, accept: ValidationAcceptor): void => {
        fail.failed.forEach((reference, index) => {
            const target = reference.ref;
            if (target?.$type === 'Node' && target.kind === 'client') {
                accept('error', `${target.name} is a client, a source of requests: it cannot fail. To take its load away, give the scenario a lower \`peak\`.`,
                    { node: fail, property: 'failed', index, code: LINK_CODE });
            }
        });
    };

    /** `cold` takes caches and cdns that warm from something: a cache that is the store has nothing to warm from. */
    private checkCold = (cold: ast.Cold, accept: ValidationAcceptor): void => {
        cold.caches.forEach((reference, index) => {
            const target = reference.ref;
            if (!target) return;
            if (target.kind !== 'cache' && target.kind !== 'cdn') {
                accept('error', `\`cold\` takes a cache or a cdn (restarted empty), not ${target.kind} ${target.name}. To take it down, write \`fail ${target.name}\`.`,
                    { node: cold, property: 'caches', index, code: LINK_CODE });
            } else if (target.props.some(prop => prop.$type === 'Policy' && prop.policy === 'store')) {
                accept('error', `${target.name} is \`policy store\`: it holds the data itself and has nothing to warm from, so it cannot be cold. To take it down, write \`fail ${target.name}\`.`,
                    { node: cold, property: 'caches', index, code: LINK_CODE });
            }
        });
    };

    private checkProperties = (node: ast.Node, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const prop of node.props) {
            if (prop.$type === 'UnknownProperty') {
                // The name of a node of the system here is most likely an edge inside a block left open.
                const system = node.$container;
                const isNodeName = system.members.some(member => member.$type === 'Node' && member.name === prop.word);
                const message = isNodeName
                    ? `\`${prop.word}\` reads as a property of ${node.kind} ${node.name}: is the block of ${node.name} missing its closing \`}\`?`
                    : `\`${prop.word}\` is not a property of ${node.kind} ${node.name}: it takes ${list(propertiesOf(node.kind ?? 'service').map(word => `\`${word}\``))}.`;
                accept('error', message, { node: prop, property: 'word', code: SYNTAX_CODE });
                continue;
            }
            const keyword = prop.keyword;
            if (!keyword) continue;
            const kinds = APPLIES_TO[keyword];
            if (node.kind === 'client' && !CLIENT_PROPERTIES.has(keyword)) {
                accept('error', `\`${keyword}\` does not apply to client ${node.name}: a client is a source of load and says only \`peak\`, \`reads\`, \`think\`, \`keys\` and \`label\`.`,
                    { node: prop, property: 'keyword', code: SYNTAX_CODE });
            } else if (kinds && node.kind && !kinds.includes(node.kind)) {
                accept('error', `\`${keyword}\` applies to ${list(kinds.map(plural))}, not to ${node.kind} ${node.name}.`,
                    { node: prop, property: 'keyword', code: SYNTAX_CODE });
            }
            const slot = keyword === 'autoscale' ? 'instances' : keyword;
            if (keyword !== 'table' && seen.has(slot)) {
                const message = slot === 'instances' && (keyword === 'autoscale' || seen.has('autoscale'))
                    ? `${node.name} has both \`instances\` and \`autoscale\`: give one of them.`
                    : `${node.name} declares \`${keyword}\` twice: keep one.`;
                accept('error', message, { node: prop, property: 'keyword', code: SYNTAX_CODE });
            }
            seen.add(slot);
            if (keyword === 'autoscale') seen.add('autoscale');
        }
    };

    /** `engine MySQL 8`: the words after the first are an engine of several words, which needs quotes. */
    private checkEngine = (engine: ast.Engine, accept: ValidationAcceptor): void => {
        if (engine.extra.length === 0) return;
        const whole = [engine.name ?? engine.text ?? '', ...engine.extra.map(String)].join(' ').replace(/"/g, '');
        accept('error', `An engine of several words needs quotes: \`engine "${whole}"\`.`, { node: engine, property: 'extra', index: 0, code: SYNTAX_CODE });
    };

    /** A client sends requests; nothing calls it (LANGUAGE.md: "A client is never on the receiving end of an edge"). */
    private checkEdgeTarget = (step: ast.EdgeStep, accept: ValidationAcceptor): void => {
        const target = step.to?.ref;
        if (target?.kind === 'client') {
            accept('error', `${target.name} is a client, a source of requests: it is never the target of an edge. Point the edge at the node that serves it.`,
                { node: step, property: 'to', code: LINK_CODE });
        }
    };

    private checkTable = (table: ast.Table, accept: ValidationAcceptor): void => {
        const fields = new Set<string>();
        let kinds = 0;
        let shardKeys = 0;
        let global: ast.Global | undefined;
        for (const member of table.members) {
            if (member.$type === 'Field' && member.name) {
                if (fields.has(member.name)) {
                    accept('error', `Field \`${member.name}\` is already declared in table ${table.name}.`, { node: member, property: 'name', code: LINK_CODE });
                }
                fields.add(member.name);
            } else if (member.$type === 'TableKind' && ++kinds > 1) {
                accept('error', `Table ${table.name} declares \`kind\` twice: keep one.`, { node: member, property: 'keyword', code: SYNTAX_CODE });
            } else if (member.$type === 'ShardKey' && ++shardKeys > 1) {
                accept('error', `Table ${table.name} declares \`shard key\` twice: a table has one shard key.`, { node: member, property: 'keyword', code: SYNTAX_CODE });
            } else if (member.$type === 'Global') {
                global = member;
            }
        }
        if (global && shardKeys > 0) {
            accept('error', `Table ${table.name} is both \`global\` (copied to every shard) and split by a \`shard key\`: choose one.`,
                { node: global, property: 'keyword', code: SYNTAX_CODE });
        }
    };

    private checkQuantity = (quantity: ast.Quantity, accept: ValidationAcceptor): void => {
        if (quantity.value === undefined) return; // a stray word: reported by checkInvalidWords
        const owner = quantity.$container as AstNode & { keyword?: string };
        const keyword = owner.keyword ?? 'this value';
        const isRate = owner.$type === 'Peak' || owner.$type === 'Capacity';
        const units = isRate ? RATE_UNITS : DURATION_UNITS;
        const unitNames = Object.keys(units);
        const example = isRate ? `${quantity.value ?? 400} rps` : `${quantity.value ?? 200}ms`;
        if (quantity.unit === undefined) {
            accept('error', `\`${keyword}\` needs a unit: \`${keyword} ${example}\` (${isRate ? 'rps' : list(unitNames)}).`,
                { node: quantity, code: SYNTAX_CODE });
        } else if (!(quantity.unit in units)) {
            accept('error', isRate
                ? `\`${quantity.unit}\` is not a rate unit: \`${keyword}\` is in requests per second, as in \`${keyword} ${quantity.value} rps\`.`
                : `\`${quantity.unit}\` is not a duration unit: use ${list(unitNames)} (\`${keyword} ${quantity.value}ms\`).`,
            { node: quantity, property: 'unit', code: SYNTAX_CODE });
        }
        if (quantity.value !== undefined && !Number.isFinite(quantity.value)) {
            accept('error', TOO_LARGE(keyword), { node: quantity, property: 'value', code: SYNTAX_CODE });
        }
        if (isRate && quantity.value === 0 && owner.$type === 'Capacity') {
            accept('error', '`capacity` must be more than 0 rps.', { node: quantity, property: 'value', code: SYNTAX_CODE });
        }
    };

    private checkPercent = (percent: ast.Percent | ast.Share, accept: ValidationAcceptor): void => {
        const owner = percent.$container as AstNode & { keyword?: string };
        const value = percent.value;
        if (value === undefined) return;
        const what = owner.$type === 'EdgeStep' ? 'an edge share' : `\`${owner.keyword}\``;
        // A share of 0% on an edge, or an availability of 0%, describes nothing that runs.
        const positive = owner.$type === 'EdgeStep' || owner.$type === 'Availability' || owner.$type === 'Utilization';
        if (value > 100 || (positive ? value <= 0 : value < 0)) {
            const range = positive ? 'more than 0% and at most 100%' : 'between 0% and 100%';
            accept('error', `${what} is ${value}%, but must be ${range}.`, { node: percent, property: 'value', code: SYNTAX_CODE });
        }
    };

    private checkCount(node: AstNode & { keyword?: string }, property: string, lowest: number, what: string, accept: ValidationAcceptor): void {
        const value = (node as unknown as Record<string, unknown>)[property];
        if (typeof value !== 'number') return;
        if (!Number.isFinite(value)) {
            accept('error', TOO_LARGE(what), { node, property, code: SYNTAX_CODE } as never);
        } else if (!Number.isInteger(value)) {
            accept('error', `\`${what}\` is a whole number, not ${value}.`, { node, property, code: SYNTAX_CODE } as never);
        } else if (value < lowest) {
            accept('error', `\`${what} ${value}\` is out of range: at least ${lowest}.`, { node, property, code: SYNTAX_CODE } as never);
        }
    }

    private checkAutoscale = (autoscale: ast.Autoscale, accept: ValidationAcceptor): void => {
        this.checkCount(autoscale, 'min', 1, 'autoscale', accept);
        this.checkCount(autoscale, 'max', 1, 'autoscale', accept);
        if (autoscale.min !== undefined && autoscale.max !== undefined && autoscale.min > autoscale.max) {
            accept('error', `\`autoscale ${autoscale.min}..${autoscale.max}\` is out of range: the minimum is above the maximum (write \`autoscale ${autoscale.max}..${autoscale.min}\`).`,
                { node: autoscale, property: 'min', code: SYNTAX_CODE });
        }
    };

    private checkKeys = (keys: ast.Keys, accept: ValidationAcceptor): void => {
        this.checkCount(keys, 'count', 1, 'keys', accept);
        if (keys.zipf !== undefined && !Number.isFinite(keys.zipf)) accept('error', TOO_LARGE('zipf'), { node: keys, property: 'zipf', code: SYNTAX_CODE });
    };

    private checkReplication = (replication: ast.Replication, accept: ValidationAcceptor): void => {
        const replicas = replication.props.find((p): p is ast.Replicas => p.$type === 'Replicas');
        if (replication.topology === 'multi_master' && replicas?.count !== undefined && replicas.count < 2) {
            accept('error', `multi_master needs at least 2 nodes in all (\`replicas ${replicas.count}\` counts every master).`,
                { node: replicas, property: 'count', code: SYNTAX_CODE });
        }
        const seen = new Set<string>();
        for (const prop of replication.props) {
            if (prop.keyword && seen.has(prop.keyword)) {
                accept('error', `This replication declares \`${prop.keyword}\` twice: keep one.`, { node: prop, property: 'keyword', code: SYNTAX_CODE });
            }
            if (prop.keyword) seen.add(prop.keyword);
        }
        const failover = replication.props.find((p): p is ast.Failover => p.$type === 'Failover');
        if (failover && replication.topology === 'multi_master') {
            accept('warning', 'multi_master has no primary to fail over: every node already takes writes, so `failover` is ignored.',
                { node: failover, property: 'keyword', code: SYNTAX_CODE });
        }
    };

    private checkArbiter = (failover: ast.Failover, accept: ValidationAcceptor): void => {
        const arbiter = failover.arbiter?.ref;
        if (failover.method === 'arbiter' && arbiter && arbiter.kind !== 'coordinator') {
            accept('error', `\`${arbiter.name}\` is a ${arbiter.kind}, not a coordinator: \`failover arbiter\` needs a coordinator group (ZooKeeper, etcd).`,
                { node: failover, property: 'arbiter', code: LINK_CODE });
        }
    };
}
