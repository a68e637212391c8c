/**
 * Langium's registry wraps every check in two async functions (wrapValidationException, then
 * handleException), so each check of each AST node costs three promises and their microtask turns,
 * though archscope's checks are synchronous: about 12 MB of garbage in a check of a 1,000-node model (a
 * sampling heap profile of `npm run bench -- check`'s model). Here a check is called directly; what it
 * throws, or a promise it returns, goes through Langium's own handleException, so a failing check is
 * reported (and a cancellation passed on) exactly as before.
 */
import { ValidationRegistry, type MaybePromise, type ValidationCheck } from 'langium';

const MESSAGE_CONTEXT = 'An error occurred during validation';

export class ArchValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken): MaybePromise<void> => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.handleException(() => { throw error; }, MESSAGE_CONTEXT, accept, node);
            }
            if (isPromiseLike(result)) return this.handleException(() => result, MESSAGE_CONTEXT, accept, node);
            return undefined;
        };
    }
}

function isPromiseLike(value: unknown): value is PromiseLike<void> {
    return typeof (value as PromiseLike<void> | undefined)?.then === 'function';
}
