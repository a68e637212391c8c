/**
 * The workspace's `.arch` files are validated when the server starts, not
 * only when opened, so the Problems panel shows every file's findings as
 * `archscope check DIR` does. Langium's default builds closed files without
 * validation; here the first build validates them too. It runs under the
 * workspace lock like any build, so the first edit cancels it; Langium's
 * next update then validates the open documents first (it sorts them ahead)
 * and resumes the closed ones after them: diagnostics of what the user types
 * never wait on the rest of the workspace.
 */
import { DefaultWorkspaceManager, type BuildOptions, type LangiumSharedCoreServices } from 'langium';

export class ArchWorkspaceManager extends DefaultWorkspaceManager {
    override initialBuildOptions: BuildOptions = { validation: true };

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }
}
