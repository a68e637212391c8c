/** Settings live under `archscope.*` (the extension's name), not under the language id `arch`. */
import { DefaultConfigurationProvider } from 'langium';

export const SETTINGS_SECTION = 'archscope';

export class ArchConfigurationProvider extends DefaultConfigurationProvider {
    protected override toSectionName(): string {
        return SETTINGS_SECTION;
    }
}
