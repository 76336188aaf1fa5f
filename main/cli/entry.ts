import { main } from './canopy';

process.exitCode = await main(process.argv.slice(2));
