// The workbench in Simplified Chinese (code-server `--locale zh-cn` with a minimal language pack, offline): the
// palette lists our commands in Chinese, the Image Studio shows its labels in Chinese, and "Generate Image" run
// from the palette reports a server error in Chinese, with a Retry that then saves the image.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { findFrame, paletteEntries, quickOpen, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const session = useInstalledWorkbench('chinese', {
  locale: 'zh-cn',
  readyCommand: 'DMXAPI: 生成图片',
  workspaceSettings: { 'dmxapi.maxRetries': 0 },
  env: { DMXAPI_API_KEY: 'sk-e2e-chinese-key-0123456789' },
});
const page = () => session.page();
let studio: Frame;

session.test('the palette lists the DMXAPI commands in Chinese', async () => {
  // One query per title: the palette draws only the rows in view, so one list of every DMXAPI command may leave
  // some of them out as the extension gains commands.
  for (const title of ['DMXAPI: 生成图片', 'DMXAPI: 打开图片工作室', 'DMXAPI: 选择模型', 'DMXAPI: 设置 API 密钥', 'DMXAPI: 编辑图片…']) {
    let listed: string[] = [];
    await waitFor(async () => (listed = await paletteEntries(page(), title)).includes(title), `"${title}" in the palette`, 30_000).catch(() => undefined);
    assert.ok(listed.includes(title), `"${title}" not in: ${listed.join(' | ')}`);
  }
});

session.test('the Image Studio opens with its labels in Chinese', async () => {
  await quickOpen(page(), 'page.md');
  await runCommand(page(), 'DMXAPI: 打开图片工作室');
  studio = await findFrame(page(), '#generate');
  await page().locator('.tab', { hasText: '图片工作室' }).first().waitFor({ state: 'visible' });
  await studio.locator('#generate', { hasText: '生成' }).waitFor({ state: 'visible' });
  await studio.getByRole('radiogroup', { name: '宽高比' }).waitFor({ state: 'visible' });
  await studio.getByRole('radiogroup', { name: '分辨率' }).waitFor({ state: 'visible' });
  await studio.getByRole('checkbox', { name: '对比模型' }).waitFor({ state: 'visible' });
  assert.equal(await studio.evaluate(() => document.documentElement.lang), 'zh-cn');
});

session.test('Generate Image from the palette: a server error in Chinese, and 重试 saves the image', async () => {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.type('雨中的灯塔');
  await page().keyboard.press('Shift+Home');
  session.fake.setFault({ kind: 'status', status: 500, times: 1 });
  await runCommand(page(), 'DMXAPI: 生成图片');

  const toast = page().locator('.notification-toast', { hasText: 'DMXAPI 服务器出错(500)' });
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  await toast.hover();
  assert.ok(await toast.getByRole('button', { name: '查看日志' }).isVisible(), 'no 查看日志 (Show Log) button');
  assert.deepEqual(session.assetFiles(), [], 'a failed generation wrote a file');
  await toast.getByRole('button', { name: '重试' }).click();
  const [file] = await waitFor(() => (session.assetFiles().length ? session.assetFiles() : undefined), 'the image from 重试', 30_000);
  assert.match(file!, /\.png$/);
  assert.equal(session.generations().length, 2);
});
