/**
 * Targets (RULES.md): target-*. A declared target is the team's own promise, so a miss is an error, in
 * the base case or in any scenario (estimates/targets.ts checks them). A figure that cannot be estimated
 * (no peak, no think time) is not a miss: a warning says the target is not shown to be met. The finding
 * stands at the target where it is declared: the scenario's own, else the scenario's name, else the
 * system's target block.
 */
import type { TargetCheck } from '../estimates/targets.js';
import type { SourceRange, TargetName, Topology } from '../model/topology.js';
import { targetMessage } from '../present/target-words.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

const FAMILY = 'Targets';

function rangeOf(check: TargetCheck, topology: Topology): SourceRange {
    if (check.scenario === null) return topology.targets?.ranges[check.target] ?? topology.targets?.range ?? topology.nameRange;
    const scenario = topology.scenarios.find(s => s.name === check.scenario);
    return scenario?.targets?.ranges[check.target] ?? scenario?.nameRange ?? topology.nameRange;
}

function findings(context: RuleContext, names: readonly TargetName[], keep: (check: TargetCheck) => TargetCheck | undefined = c => c): RuleFinding[] {
    const { topology } = context;
    return context.targets()
        .filter(check => names.includes(check.target) && !check.met)
        .flatMap((missed): RuleFinding[] => {
            const check = keep(missed);
            if (!check) return [];
            const scenario = topology.scenarios.find(s => s.name === check.scenario);
            return [{
                node: check.costs[0]?.node,
                range: rangeOf(check, topology),
                // Suppressed by an @allow above the block the finding is about: the target block, or its scenario.
                target: check.scenario === null ? { node: '', block: 'target' } : { node: check.scenario, block: 'scenario' },
                severity: check.value === null && check.reason !== 'overloaded' ? 'warning' : undefined,
                message: targetMessage(check, scenario)
            }];
        });
}

/** A target rule: the misses of `names`, each through `keep` (which may drop it or narrow its costs). */
function targetRule(id: string, title: string, names: readonly TargetName[], keep?: (check: TargetCheck) => TargetCheck | undefined): Rule {
    return { id, family: FAMILY, defaultSeverity: 'error', title, check: context => findings(context, names, keep) };
}

export const targetAvailability = targetRule('target-availability',
    'The share of requests served is below `target availability`, in the base case or a scenario.', ['availability']);

export const targetLatency = targetRule('target-latency', 'The end-to-end p99 (or mean) at the peak is above `target p99` (`mean`).', ['p99', 'mean']);

// In the base case cap-overload reports the tiers at 100% or more; this one does not repeat them (ESTIMATES.md).
export const targetUtilization = targetRule('target-utilization', 'A tier runs above `target utilization` at the peak.', ['utilization'], check => {
    if (check.scenario !== null) return check;
    const costs = check.costs.filter(cost => cost.value < 1);
    return costs.length > 0 ? { ...check, costs } : undefined;
});

export const targetStale = targetRule('target-stale', 'Stale reads after one\'s own write exceed `target stale`.', ['stale']);

export const targetDataLoss = targetRule('target-data-loss', 'A failover may lose more acknowledged writes than `target data_loss`.', ['data_loss']);

export const TARGET_RULES: readonly Rule[] = [targetAvailability, targetLatency, targetUtilization, targetStale, targetDataLoss];
