// The CLI's entry: the read engine (gjs) is started first, so that it boots while Node loads the rest of the CLI.
import { EngineClient } from '../services/engine-client';

const argv = process.argv.slice(2);
// Commands that never read through the shared engine (changes run in an engine of their own).
const WITHOUT_READER = new Set(['serve', 'open', 'demo', 'reboot', 'rollback', 'pin', 'unpin', 'switch', 'deploy', 'cleanup', 'help', '--help', '-h']);
const engine = argv[0] === undefined || WITHOUT_READER.has(argv[0]) ? null : EngineClient.start();
const { main } = await import('./canopy');
// Exit as soon as the command is done, closing the read engine's input with ours (stdout and stderr to pipes and
// files are written synchronously on Linux, so nothing is lost).
process.exit(await main(argv, engine));
