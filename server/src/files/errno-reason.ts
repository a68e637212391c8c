/**
 * What an errno means, in words a user reads on one line (`cannot read X:
 * permission denied`), for the CLI's messages and the settings' problems.
 * A raw code (`EACCES`) tells most people nothing; an unknown one is still
 * given as is, so nothing is hidden.
 */
const REASONS: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'the name is too long',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file is larger than this process may write',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'input/output error',
    EBUSY: 'it is in use',
    ETXTBSY: 'it is in use',
    EAGAIN: 'it is not ready to be read',
    EINVAL: 'the operation is not supported there'
};

/** The reason for an error from `node:fs`: its errno in words, else its message. */
export function errnoReason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== undefined && REASONS[code]) return REASONS[code];
    if (code !== undefined) return code;
    return error instanceof Error ? error.message : String(error);
}
