// The commands that never read through the shared read engine: changes run in an engine of their own, and the app
// and the server start theirs. bin/canopy starts no engine for them either; a test holds the two lists together.
export const WITHOUT_READER: ReadonlySet<string> = new Set(['serve', 'open', 'demo', 'reboot', 'rollback', 'pin', 'unpin', 'switch', 'deploy', 'cleanup', 'help', '--help', '-h']);
