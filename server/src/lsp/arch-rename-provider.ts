/**
 * Rename (docs/editor.md, "Rename"): nodes, zones, tables, fields,
 * scenarios and systems, from their declaration or from any reference; every reference and
 * the declaration change together (Langium's default). A new name is refused,
 * with a message the editor shows, when it is not a name of the language
 * (`[A-Za-z_][A-Za-z0-9_-]*`), when it is one of the language's words (a
 * field renamed `global` would read as the `global` flag), or when it is
 * already taken where it would have to be unique: nodes and zones share one
 * namespace per system, tables and scenarios have one per system, fields one per table,
 * systems one per workspace.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isField, isNode, isScenario, isSystem, isTable, isZone, type Field, type Node, type Scenario, type System, type Table, type Zone } from '../language/generated/ast.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type Renamable = Node | Zone | Table | Field | System | Scenario;

export class ArchRenameProvider extends DefaultRenameProvider {
    private readonly keywords: ReadonlySet<string>;
    private readonly langium: LangiumServices;

    constructor(services: LangiumServices) {
        super(services);
        this.langium = services;
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(v => /^\w+$/.test(v)));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const problem = this.refusal(target, params.newName);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        return super.rename(document, params);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        // Only the names this provider knows how to check (not an `engine` name, not a keyword).
        return this.targetAt(document, params.position) ? super.prepareRename(document, params) as Range | undefined : undefined;
    }

    /** Why `newName` cannot be the name of `target`, or undefined when it can. */
    refusal(target: Renamable, newName: string): string | undefined {
        if (!NAME.test(newName) || newName.includes('->')) {
            return `\`${newName}\` is not a valid name: a name is letters, digits, \`_\` and \`-\`, not starting with a digit.`;
        }
        if (this.keywords.has(newName)) {
            return `\`${newName}\` is a word of the language: as a name it could read as the keyword. Choose another name.`;
        }
        if (newName === target.name) return undefined;
        const clash = this.sameScope(target).find(other => other !== target && other.name === newName);
        if (clash) return `\`${newName}\` is already the name of ${describe(clash)}${where(target)}.`;
        return undefined;
    }

    private targetAt(document: LangiumDocument, position: { line: number; character: number }): Renamable | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const target = this.langium.references.References.findDeclarations(leaf)[0];
        return isRenamable(target) ? target : undefined;
    }

    private sameScope(target: Renamable): Renamable[] {
        if (isField(target)) {
            const table = AstUtils.getContainerOfType(target, isTable);
            return table ? table.members.filter(isField) : [];
        }
        if (isSystem(target)) {
            return this.langium.shared.workspace.LangiumDocuments.all
                .flatMap(doc => AstUtils.streamAllContents(doc.parseResult.value).filter(isSystem)).toArray();
        }
        const system = AstUtils.getContainerOfType(target, isSystem);
        if (!system) return [];
        if (isTable(target)) return system.members.filter(isNode).flatMap(node => node.props.filter(isTable));
        if (isScenario(target)) return system.members.filter(isScenario);
        return system.members.filter((m): m is Node | Zone => isNode(m) || isZone(m));
    }
}

function isRenamable(node: AstNode | undefined): node is Renamable {
    return isNode(node) || isZone(node) || isTable(node) || isField(node) || isSystem(node) || isScenario(node);
}

function describe(node: Renamable): string {
    if (isNode(node)) return `the ${node.kind} node`;
    if (isZone(node)) return 'a zone';
    if (isTable(node)) return 'a table';
    if (isField(node)) return 'a field';
    if (isScenario(node)) return 'a scenario';
    return 'a system';
}

function where(target: Renamable): string {
    if (isField(target)) return ` in table ${AstUtils.getContainerOfType(target, isTable)?.name ?? ''}`;
    if (isSystem(target)) return ' in the workspace';
    const unique = isTable(target) ? 'table names are unique within their system'
        : isScenario(target) ? 'scenario names are unique within their system' : 'names of nodes and zones are unique within their system';
    return ` in system ${AstUtils.getContainerOfType(target, isSystem)?.name ?? ''}: ${unique}`;
}
