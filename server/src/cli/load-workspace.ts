/** Loads `.arch` files from disk into the real language services and validates them, as the editor does. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createArchServices, type ArchServices } from '../arch-module.js';
import { nodeModuleOptions } from '../arch-module-node.js';
import type { Model } from '../language/generated/ast.js';
import { errnoReason } from '../files/errno-reason.js';
import { checkInputFile, readArchFile } from './read-input.js';
import { UsageError } from './usage-error.js';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);

/**
 * The `.arch` files named by the arguments: files as given, folders searched recursively (sorted), each
 * file once, where it is first named (`check examples examples/real` names examples/real twice).
 * A file named is refused when it is not a regular `.arch` file; under a folder, anything else is skipped.
 */
export function collectArchFiles(paths: readonly string[]): string[] {
    const files: string[] = [];
    const seen = new Set<string>();
    const add = (path: string): void => {
        const key = resolve(path);
        if (seen.has(key)) return;
        seen.add(key);
        files.push(path);
    };
    const walk = (folder: string): void => {
        let entries;
        try {
            entries = readdirSync(folder, { withFileTypes: true });
        } catch (error) {
            throw new UsageError(`cannot read folder ${folder}: ${errnoReason(error)}`);
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const path = join(folder, entry.name);
            if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(path);
            else if (entry.isFile() && entry.name.endsWith('.arch')) add(path);
        }
    };
    for (const path of paths) {
        let stats;
        try {
            stats = statSync(path);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw new UsageError(code === 'ENOENT' ? `no such file or folder: ${path}` : `cannot read ${path}: ${errnoReason(error)}`);
        }
        if (stats.isDirectory()) walk(path);
        else {
            checkInputFile(path, stats);
            add(path);
        }
    }
    return files;
}

export interface LoadedFile {
    /** The path as the user named it (or as found under a named folder). */
    path: string;
    document: LangiumDocument<Model>;
}

let cached: { shared: ReturnType<typeof createArchServices>['shared']; Arch: ArchServices } | undefined;

/** One set of services per process: the CLI runs one command. */
export function cliServices(docsFrom: string): { shared: ReturnType<typeof createArchServices>['shared']; Arch: ArchServices } {
    cached ??= createArchServices(NodeFileSystem, nodeModuleOptions(docsFrom));
    return cached;
}

/** Reads, parses, links and validates the files together (one workspace, as in the editor). */
export async function loadFiles(paths: readonly string[], docsFrom: string): Promise<LoadedFile[]> {
    const { shared } = cliServices(docsFrom);
    const loaded: LoadedFile[] = paths.map(path => {
        const text = readArchFile(path);
        const uri = URI.file(resolve(path));
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return { path, document };
    });
    await shared.workspace.DocumentBuilder.build(loaded.map(file => file.document), { validation: true });
    return loaded;
}
