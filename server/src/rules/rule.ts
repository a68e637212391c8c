/** What a rule is and what it reports. Pure: no Langium, no LSP. */
import type { ScenarioEstimate } from '../estimates/scenarios.js';
import type { SimulationResult } from '../estimates/simulate.js';
import type { TargetCheck } from '../estimates/targets.js';
import type { TopologyGraph } from '../model/graph.js';
import type { AllowTarget, SourceRange, Topology } from '../model/topology.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
    range: SourceRange;
    newText: string;
}

/** One way to fix a finding: a title for the quick-fix menu and the edits it makes. */
export interface Fix {
    title: string;
    edits: TextEdit[];
}

export interface Finding {
    ruleId: string;
    severity: Severity;
    message: string;
    /** The node the finding is about (for the diagram, JSON and suppression). */
    node?: string;
    /** Where the finding is reported: the offending node, property, table or field. */
    range: SourceRange;
    /** What an `@allow` comment must sit above to suppress it (defaults to `{ node }`). */
    target?: AllowTarget;
    fixes?: Fix[];
}

export interface RuleContext {
    topology: Topology;
    graph: TopologyGraph;
    /** The estimates of the topology, computed on first use and shared by every rule of one check. */
    estimates(): SimulationResult;
    /** Each scenario's estimates, computed on first use (only a rule about targets asks). */
    scenarios(): ScenarioEstimate[];
    /** Every declared target checked in the base case and in each scenario, computed on first use. */
    targets(): TargetCheck[];
}

/** A finding as a rule reports it: the runner fills in the rule ID and severity. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface Rule {
    id: string;
    /** The family heading of RULES.md ("Single points of failure", ...). */
    family: string;
    defaultSeverity: Severity;
    /** One line: what it detects. Used in SARIF and the docs index. */
    title: string;
    check(context: RuleContext): RuleFinding[];
}
