import { startFakeDmxApi } from './server';
import type { FakeOptions } from './types';

/**
 * Starts the fake DMXAPI for demos and the benchmark. Prints one line `FAKE_DMXAPI_URL=http://127.0.0.1:PORT`
 * for the caller to read, then runs until killed.
 *   --port N      listen on N (default: a free port)
 *   --reduce N    divide image sides by N
 *   --delay MS    wait MS before each generation answer
 *   --noise       incompressible images of real size (benchmark)
 *   --key KEY     accept only this API key
 */

function parseArgs(argv: readonly string[]): FakeOptions {
  const options: { -readonly [K in keyof FakeOptions]: FakeOptions[K] } = {};
  const number = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a non-negative number`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--port') options.port = number(flag, argv[++i]);
    else if (flag === '--reduce') options.sizeReduction = number(flag, argv[++i]);
    else if (flag === '--delay') options.delayMs = number(flag, argv[++i]);
    else if (flag === '--noise') options.content = 'noise';
    else if (flag === '--key') options.validKey = argv[++i];
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

async function main(): Promise<void> {
  const server = await startFakeDmxApi(parseArgs(process.argv.slice(2)));
  process.stdout.write(`FAKE_DMXAPI_URL=${server.url}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-dmxapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
