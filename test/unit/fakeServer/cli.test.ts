import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { test } from 'node:test';
import { parsePng } from './pngReader';

test('the CLI prints FAKE_DMXAPI_URL=… on one line, serves, and stops on SIGTERM', async () => {
  const cli = path.join(__dirname, '..', '..', 'fake-dmxapi', 'cli.js');
  const child = spawn(process.execPath, [cli, '--reduce', '8', '--delay', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let output = '';
    for await (const chunk of child.stdout) {
      output += String(chunk);
      if (output.includes('\n')) break;
    }
    const match = /^FAKE_DMXAPI_URL=(http:\/\/127\.0\.0\.1:\d+)\n$/.exec(output);
    assert.ok(match, `unexpected output: ${JSON.stringify(output)}`);
    const response = await fetch(`${match[1]}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'nano-banana-2', prompt: 'x', n: 1, aspect_ratio: '16:9', size: '1K' }),
    });
    const json = (await response.json()) as { data: Array<{ b64_json: string }> };
    assert.equal(parsePng(Buffer.from(json.data[0]!.b64_json, 'base64')).width, 1376 / 8);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0);
});
