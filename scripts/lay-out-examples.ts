/**
 * The playground's known scenes (server/src/diagram/known-scenes.ts): each bundled example checked as the
 * browser's server checks it (the same services, no files, no settings) and laid out by the same layout, at
 * build time. scripts/build-web.mjs bundles this file for Node and writes what it returns to the site's
 * `examples/scenes.HASH.json`. (Where the document is does not change its scene: the URI is no part of it.)
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createArchServices } from '../server/src/arch-module.js';
import type { Model } from '../server/src/language/generated/ast.js';
import { diagramSource } from '../server/src/language/topology/diagram-input-of.js';
import { layoutScene } from '../server/src/diagram/layout.js';
import type { Scene } from '../server/src/diagram/scene.js';

export async function layOutExamples(texts: readonly string[]): Promise<Scene[]> {
    const { shared, Arch } = createArchServices(EmptyFileSystem);
    shared.workspace.ConfigurationProvider.initialized({});
    const scenes: Scene[] = [];
    for (const [index, text] of texts.entries()) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///examples/${index}.arch`)) as LangiumDocument<Model>;
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const input = diagramSource(document, Arch.analysis)();
        if (input) scenes.push(await layoutScene(input));
        await shared.workspace.DocumentBuilder.update([], [document.uri]);
    }
    return scenes;
}
