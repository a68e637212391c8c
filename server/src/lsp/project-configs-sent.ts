/**
 * The `.archscope.json` files a client sends (`arch/projectConfigs`): the browser's language server has no
 * disk, so the extension in VS Code for the Web reads the workspace's files and sends their text, all of
 * them again after any change. A document's settings come from the nearest file at or above its folder,
 * as on disk (rule-settings-node.ts): the same rules for the same tree, so the editor shows what CI says.
 */
import { URI, UriUtils } from 'langium';
import type { ProjectConfigFile } from '../protocol.js';
import { CONFIG_FILE_NAME, MAX_CONFIG_BYTES, projectConfigFromText, type ProjectConfig, type ProjectConfigLookup } from '../language/workspace/rule-settings.js';

export class SentProjectConfigs {
    /** By the URI of the folder that holds the file. */
    private byFolder = new Map<string, ProjectConfig>();

    /** Replaces every file known with these (a file not named `.archscope.json` is ignored). */
    set(files: readonly ProjectConfigFile[]): void {
        const byFolder = new Map<string, ProjectConfig>();
        for (const file of files) {
            if (typeof file?.uri !== 'string') continue;
            let uri: URI;
            try {
                uri = URI.parse(file.uri);
            } catch {
                continue;
            }
            if (UriUtils.basename(uri) !== CONFIG_FILE_NAME) continue;
            byFolder.set(UriUtils.dirname(uri).toString(), configOf(file, uri.path));
        }
        this.byFolder = byFolder;
    }

    readonly lookup: ProjectConfigLookup = uri => {
        for (let folder = UriUtils.dirname(uri); ; folder = UriUtils.dirname(folder)) {
            const config = this.byFolder.get(folder.toString());
            if (config) return config;
            if (UriUtils.dirname(folder).path === folder.path) return undefined;
        }
    };
}

/** A sent file's settings: the client's reason it could not read it, or what its text says. */
function configOf(file: ProjectConfigFile, path: string): ProjectConfig {
    if (typeof file.problem === 'string') return { rules: {}, path, problems: [`Cannot read ${path}: ${file.problem}.`] };
    if (typeof file.text !== 'string') return { rules: {}, path, problems: [`Cannot read ${path}: the client sent no text.`] };
    if (file.text.length > MAX_CONFIG_BYTES) return { rules: {}, path, problems: [`${path} is ${Math.ceil(file.text.length / 1024)} KB: too large for a settings file.`] };
    return projectConfigFromText(file.text, path);
}
