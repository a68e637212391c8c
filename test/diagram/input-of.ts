/** Diagram inputs for the export tests, built as the server and the CLI build them: the real parser, rules and estimates. */
import { readFileSync } from 'node:fs';
import type { DiagramInput } from '../../server/src/diagram/diagram-input.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { checkTopology } from '../../server/src/rules/run-rules.js';
import { topologyOf } from '../helpers.js';

export async function inputOf(text: string): Promise<DiagramInput> {
    const topology = await topologyOf(text);
    const findings = checkTopology(topology).map(f => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, node: f.node ?? null, range: f.range }));
    return { topology, findings, estimates: simulate(topology) };
}

export const SHOP = readFileSync(new URL('../../examples/problems.arch', import.meta.url), 'utf8');

/** What a hostile (or careless) user can put in the strings a diagram shows. */
export const HOSTILE_LABEL = '<img src=x onerror=alert(1)>';
export const HOSTILE_ENGINE = 'a|b`c';
/** Closes the shape, starts statements, a click handler, a config directive, entity codes, markup. */
export const HOSTILE_DB_LABEL = '"]; n0 --> n1; click n0 "javascript:alert(1)" %%{init: {"securityLevel":"loose"}}%% #lt; &amp; </div> ﬂ°lt¶ß';
export const HOSTILE_DB_ENGINE = '<script>alert(2)</script> [x] {y} (z) `` ` | # ;';

/** `text` as a `.arch` string literal (`\"` and `\\` escapes). */
function literal(text: string): string {
    return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

export const HOSTILE = `system Hostile {
  traffic { peak 100 rps }
  service api {
    label ${literal(HOSTILE_LABEL)}
    engine ${literal(HOSTILE_ENGINE)}
    instances 2
  }
  database db {
    label ${literal(HOSTILE_DB_LABEL)}
    engine ${literal(HOSTILE_DB_ENGINE)}
    replication primary_replica { replicas 1 lag 1s }
  }
  cache hot {
    label "50% | 100%"
  }
  api -> db
  api -> hot 50%
}
`;
