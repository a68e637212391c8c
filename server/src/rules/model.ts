/** Model rules (RULES.md): model-*. */
import type { Rule, RuleFinding } from './rule.js';

const FAMILY = 'Model';

export const modelUnreachable: Rule = {
    id: 'model-unreachable',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A node that no request path reaches, and that is not an entry.',
    check({ topology, graph }) {
        // A coordinator that arbitrates a reachable node is in use even though no request reaches it.
        const reached = (name: string): boolean => graph.onRequestPath.has(name) || graph.onAsyncPath.has(name);
        const arbitersInUse = new Set(topology.nodes
            .filter(node => reached(node.name))
            .map(node => node.replication?.failover.arbiter)
            .filter((name): name is string => !!name));
        return topology.nodes
            .filter(node => !reached(node.name) && !arbitersInUse.has(node.name))
            .map((node): RuleFinding => {
                const callers = graph.callers(node.name);
                // An arbiter of unreachable databases is named, just not by anything a request reaches.
                const named = topology.nodes.some(other => other.replication?.failover.arbiter === node.name
                    || (other.sessions?.mode === 'store' && other.sessions.store === node.name));
                const why = callers.length > 0
                    ? `its callers (${callers.join(', ')}) are not reached from any entry either`
                    : named
                        ? 'it is only named by nodes that no request reaches'
                        : 'no node uses it as a `failover arbiter` and no edge leads to it';
                return {
                    node: node.name,
                    range: node.nameRange,
                    message: `${node.name} is not on any request path: ${why}, so no estimate reaches it and the diagram shows it apart.`
                };
            });
    }
};

export const modelCycle: Rule = {
    id: 'model-cycle',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Synchronous edges form a cycle (or a pipeline through a queue feeds back 100% or more), so loads cannot be propagated through it.',
    check({ graph }) {
        const loops = graph.cycles.map((cycle): RuleFinding => {
            const first = graph.node(cycle[0])!;
            return {
                node: first.name,
                range: first.nameRange,
                message: `Edges form a cycle ${[...cycle, cycle[0]].join(' → ')}: every request would loop forever, so load is not propagated around it; break the cycle (a callback is usually a queue or a reply, not an edge).`
            };
        });
        // A loop through a queue is a pipeline (work comes back later, not within the request); only one
        // that feeds back as much as it takes in has no finite rate.
        const growing = graph.pipelines.filter(pipeline => pipeline.growing).map((pipeline): RuleFinding => {
            const first = graph.node(pipeline.loop[0])!;
            return {
                node: first.name,
                range: first.nameRange,
                message: `The pipeline ${[...pipeline.loop, pipeline.loop[0]].join(' → ')} feeds back 100% or more of its work through the queue: its backlog grows without bound, so its load is not estimated; give the edge back a share below 100%.`
            };
        });
        return [...loops, ...growing];
    }
};

export const modelUnusedAllow: Rule = {
    id: 'model-unused-allow',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'An @allow comment that suppresses nothing.',
    // Produced by the runner (run-rules.ts), which alone sees which suppressions were used.
    check: () => []
};

export const MODEL_RULES: readonly Rule[] = [modelUnreachable, modelCycle, modelUnusedAllow];
