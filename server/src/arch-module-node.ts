/** The services' options where Node runs them (the language server, the CLI, the tests): files on disk. */
import type { ArchModuleOptions } from './arch-module.js';
import { ruleDocsFrom } from './language/workspace/rule-docs-node.js';
import { projectConfigFiles } from './language/workspace/rule-settings-node.js';

/** `docsFrom`: where to look for `docs/rules` (the folder of the running bundle, or the project's). */
export function nodeModuleOptions(docsFrom: string): ArchModuleOptions {
    return { docs: ruleDocsFrom(docsFrom), projectConfigs: projectConfigFiles() };
}
