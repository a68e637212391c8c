/**
 * Random `.arch` text that follows the grammar (arch.langium), seeded: every
 * construct, names that are the language's own words, comments between any
 * two tokens, odd spacing. Most of it is syntactically valid; the words a
 * validator rejects (`instances two`) are in on purpose, since they are valid
 * syntax. With `tricky`, tables also get the members whose parse depends on
 * what follows (`kind WORD unique`, `global` before a field).
 */
import { mulberry32, type Random } from './mutate.js';

const KEYWORD_NAMES = [
    'text', 'number', 'bool', 'counter', 'timestamp', 'uuid', 'snowflake', 'auto_increment', 'key', 'kind', 'mode', 'label',
    'engine', 'store', 'hit', 'lag', 'peak', 'reads', 'keys', 'think', 'every', 'by', 'on', 'off', 'none', 'local', 'cookie',
    'session', 'log', 'draft', 'entity', 'geo', 'random', 'weighted', 'range', 'hash', 'date', 'directory', 'sync', 'async',
    'manual', 'probe', 'interconnect', 'arbiter', 'unique', 'zipf', 'replicas', 'health', 'routing', 'algorithm', 'sticky',
    'capacity', 'latency', 'availability', 'instances', 'autoscale', 'sessions', 'zones', 'shards', 'replication', 'failover',
    'global', 'shard', 'table', 'traffic', 'zone', 'system', 'ref', 'dns', 'cdn', 'balancer', 'service', 'cache', 'queue',
    'worker', 'database', 'coordinator', 'storage', 'primary_backup', 'primary_replica', 'multi_master', 'active_active',
    'active_passive', 'round_robin', 'least_connections', 'ip_hash', 'consistent_hash'
];
const IDS = ['api', 'web', 'db', 'eu', 'us-east', 'x_1', 'orders', 'users', 'id', 'created_at', 'services', 'tablex', 'a-b', '_'];
const KINDS = ['dns', 'cdn', 'balancer', 'service', 'cache', 'queue', 'worker', 'database', 'coordinator', 'storage'];
const PRIMITIVES = ['auto_increment', 'uuid', 'snowflake', 'counter', 'timestamp', 'text', 'number', 'bool'];
const UNITS = ['rps', 'ms', 's', 'min', 'parsecs', 'us'];
/** Written without a space before them now and then (`a->b`, `2..5`, `50%`). */
const PUNCTUATION = new Set(['->', '..', '%', ',', '{', '}']);

export function grammarSentences(count: number, seed: number, options: { tricky?: boolean } = {}): string[] {
    const random = mulberry32(seed);
    return Array.from({ length: count }, () => new Sentence(random, options.tricky ?? false).model());
}

class Sentence {
    private readonly out: string[] = [];

    constructor(private readonly random: Random, private readonly tricky: boolean) {}

    model(): string {
        const systems = this.chance(0.1) ? 0 : this.chance(0.85) ? 1 : 2;
        for (let i = 0; i < systems; i++) this.system();
        if (this.chance(0.2)) this.comment();
        return this.out.join('');
    }

    private system(): void {
        this.tokens('system', this.name(), '{');
        const members = this.int(9);
        for (let i = 0; i < members; i++) {
            const pick = this.int(10);
            if (pick === 0) this.traffic();
            else if (pick === 1) this.tokens('zone', this.name());
            else if (pick < 6) this.node();
            else this.edge();
        }
        this.tokens('}');
    }

    private traffic(): void {
        this.tokens('traffic', '{');
        for (let i = this.int(5); i > 0; i--) {
            const pick = this.int(4);
            if (pick === 0) this.tokens('peak', ...this.quantity());
            else if (pick === 1) this.tokens('reads', ...this.percent());
            else if (pick === 2) {
                this.tokens('keys', this.numberOr());
                if (this.chance(0.5)) this.tokens('zipf', this.numberOr());
            } else this.tokens('think', ...this.quantity());
        }
        this.tokens('}');
    }

    private node(): void {
        this.tokens(this.pick(KINDS), this.name());
        if (this.chance(0.3)) return;
        this.tokens('{');
        for (let i = this.int(7); i > 0; i--) this.nodeProperty();
        this.tokens('}');
    }

    private nodeProperty(): void {
        switch (this.int(17)) {
            case 0: this.tokens('instances', this.numberOr(), ...this.maybe(this.pick(['active_active', 'active_passive']))); break;
            case 1: this.tokens('autoscale', this.numberOr(), '..', this.numberOr()); break;
            case 2: this.tokens('capacity', ...this.quantity()); break;
            case 3: this.tokens('latency', ...this.quantity()); break;
            case 4: this.tokens('availability', ...this.percent()); break;
            case 5: {
                this.tokens('zones', this.name());
                for (let i = this.int(3); i > 0; i--) this.tokens(',', this.name());
                break;
            }
            case 6: this.tokens('sessions', ...(this.chance(0.3) ? ['store', this.name()] : [this.oneOr(['none', 'local', 'cookie'])])); break;
            case 7: this.tokens('hit', ...this.percent()); break;
            case 8: this.tokens('algorithm', this.oneOr(['random', 'round_robin', 'least_connections', 'weighted', 'ip_hash'])); break;
            case 9: this.tokens('sticky', this.oneOr(['on', 'off'])); break;
            case 10: this.tokens('health', 'every', ...this.quantity()); break;
            case 11: this.tokens('routing', this.oneOr(['geo', 'round_robin', 'failover'])); break;
            case 12: this.tokens('engine', this.chance(0.5) ? this.name() : this.string()); break;
            case 13: this.tokens('label', this.string()); break;
            case 14: this.replication(); break;
            case 15: this.tokens('shards', this.numberOr(), 'by', this.oneOr(['range', 'hash', 'consistent_hash', 'directory', 'date'])); break;
            default: this.table();
        }
    }

    private replication(): void {
        this.tokens('replication', this.oneOr(['primary_backup', 'primary_replica', 'multi_master']));
        if (this.chance(0.3)) return;
        this.tokens('{');
        for (let i = this.int(5); i > 0; i--) {
            const pick = this.int(4);
            if (pick === 0) this.tokens('replicas', this.numberOr());
            else if (pick === 1) this.tokens('lag', ...this.quantity());
            else if (pick === 2) this.tokens('mode', this.oneOr(['async', 'sync']));
            else this.tokens('failover', ...(this.chance(0.3) ? ['arbiter', this.name()] : [this.oneOr(['manual', 'interconnect', 'probe'])]));
        }
        this.tokens('}');
    }

    private table(): void {
        this.tokens('table', this.name());
        if (this.chance(0.2)) return;
        this.tokens('{');
        const members = this.int(7);
        for (let i = 0; i < members; i++) {
            const pick = this.int(this.tricky ? 9 : 6);
            if (pick === 0) this.tokens('kind', this.chance(0.7) ? this.pick(['entity', 'session', 'log', 'draft']) : this.pick(IDS));
            else if (pick === 1) this.tokens('shard', 'key', this.name());
            else if (pick === 2 && i === members - 1) this.tokens('global');
            else if (pick === 6) this.tokens('global');
            else if (pick === 7) this.tokens('kind', this.pick(IDS), 'unique');
            else this.field(this.tricky);
        }
        this.tokens('}');
    }

    private field(anyName: boolean): void {
        // Outside tricky mode a field is not named after the table members it could be mistaken for.
        let name = this.name();
        while (!anyName && ['kind', 'global', 'shard', 'unique'].includes(name)) name = this.name();
        const type = this.chance(0.15) ? ['ref', this.name()] : [this.chance(0.9) ? this.pick(PRIMITIVES) : this.pick(IDS)];
        this.tokens(name, ...type, ...(this.chance(0.3) ? ['unique'] : []));
    }

    private edge(): void {
        this.tokens(this.name());
        for (let i = 1 + this.int(3); i > 0; i--) {
            this.tokens('->', this.name());
            if (this.chance(0.3)) this.tokens(this.number(), '%');
        }
    }

    private quantity(): string[] {
        if (this.chance(0.1)) return [this.pick(IDS)];
        const n = this.number();
        return this.chance(0.8) ? [n, this.pick(UNITS)] : [n];
    }

    private percent(): string[] {
        return this.chance(0.1) ? [this.pick(IDS)] : [this.number(), '%'];
    }

    private numberOr(): string {
        return this.chance(0.1) ? this.pick(IDS) : this.number();
    }

    private oneOr(words: string[]): string {
        return this.chance(0.1) ? this.pick(IDS) : this.pick(words);
    }

    private name(): string {
        return this.chance(0.35) ? this.pick(KEYWORD_NAMES) : this.pick(IDS);
    }

    private number(): string {
        return this.chance(0.8) ? String(this.int(1000)) : `${this.int(100)}.${this.int(100)}`;
    }

    private string(): string {
        return this.pick(['"pg"', '""', '"a \\"quoted\\" b"', '"back\\\\slash"', '"é 日本"']);
    }

    private maybe(token: string): string[] {
        return this.chance(0.4) ? [token] : [];
    }

    /** Appends tokens, each after white space, sometimes with a comment before it. */
    private tokens(...tokens: string[]): void {
        for (const token of tokens) {
            if (this.chance(0.04)) this.comment();
            const glued = PUNCTUATION.has(token) && this.chance(0.3);
            this.out.push(glued ? '' : this.pick([' ', ' ', '\n', '\n  ', '\t', '\r\n', '  ']), token);
        }
    }

    private comment(): void {
        this.out.push(this.pick([' // note\n', '\n// @allow spof-single-instance: why\n', ' /* block */ ', '/*\n multi\n*/', ' //\n']));
    }

    private pick<T>(items: readonly T[]): T {
        return items[this.int(items.length)];
    }

    private int(below: number): number {
        return Math.floor(this.random() * below);
    }

    private chance(p: number): boolean {
        return this.random() < p;
    }
}
