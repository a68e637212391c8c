/**
 * One analysis per parse: the Topology of each system and a rule context
 * whose estimates are computed at most once. The validator, hover and code
 * lens all read it, so a keystroke builds the model once, and the estimates
 * are computed only if a rule or a provider asks for them.
 */
import { AstUtils, type AstNode } from 'langium';
import type { Model, System } from '../generated/ast.js';
import { buildTopology } from '../topology/build-topology.js';
import type { Topology } from '../../model/topology.js';
import type { RuleContext } from '../../rules/rule.js';
import { ruleContext } from '../../rules/run-rules.js';

export interface SystemAnalysis {
    system: System;
    topology: Topology;
    context: RuleContext;
}

export class DocumentAnalysis {
    /** Keyed by the root AST node: a new parse is a new root, so nothing stale is ever returned. */
    private readonly byRoot = new WeakMap<Model, SystemAnalysis[]>();

    analyze(model: Model): SystemAnalysis[] {
        let analysis = this.byRoot.get(model);
        if (!analysis) {
            const text = AstUtils.getDocument(model).textDocument.getText();
            analysis = model.systems.filter(system => !!system.name).map(system => {
                const topology = buildTopology(system, text);
                return { system, topology, context: ruleContext(topology) };
            });
            this.byRoot.set(model, analysis);
        }
        return analysis;
    }

    /** The analysis of the system that contains `node`. */
    forNode(node: AstNode): SystemAnalysis | undefined {
        const root = AstUtils.findRootNode(node) as Model;
        const system = AstUtils.getContainerOfType(node, (n): n is System => n.$type === 'System');
        return this.analyze(root).find(analysis => analysis.system === system);
    }
}
