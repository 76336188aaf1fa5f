// The CLI's entry: the read engine (gjs) is started first, so that it boots while Node loads the rest of the CLI.
import { EngineClient } from '../services/engine-client';

const argv = process.argv.slice(2);
// Commands that never read through the shared engine (changes run in an engine of their own).
const WITHOUT_READER = new Set(['serve', 'open', 'demo', 'reboot', 'rollback', 'pin', 'unpin', 'switch', 'deploy', 'cleanup', 'help', '--help', '-h']);
const engine = argv[0] === undefined || WITHOUT_READER.has(argv[0]) ? null : EngineClient.start();
const { main } = await import('./canopy');
process.exitCode = await main(argv, engine);
