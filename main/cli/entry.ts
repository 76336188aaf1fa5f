// The CLI's entry: the read engine (gjs) is started first, so that it boots while Node loads the rest of the CLI.
// The `canopy` launcher (bin/canopy) has started it already, before Node.
import { EngineClient } from '../services/engine-client';
import { WITHOUT_READER } from './without-reader';

const argv = process.argv.slice(2);
const engine = argv[0] === undefined || WITHOUT_READER.has(argv[0]) ? null : EngineClient.forReads();
const { main } = await import('./canopy');
// Exit as soon as the command is done, closing the read engine's input with ours (stdout and stderr to pipes and
// files are written synchronously on Linux, so nothing is lost).
process.exit(await main(argv, engine));
