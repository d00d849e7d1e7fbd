import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DMXAPI_SITES, siteOf } from '../../../src/core/sites';

test('the three DMXAPI sites of baseurl.md, with their billing', () => {
  assert.deepEqual(
    DMXAPI_SITES.map((s) => [s.baseUrl, s.billing]),
    [
      ['https://www.dmxapi.cn', 'rmb'],
      ['https://www.dmxapi.com', 'usd'],
      ['https://ssvip.dmxapi.com', 'usdListPrice'],
    ],
  );
});

test('siteOf recognises a site with or without /v1 and in any case; anything else is no site', () => {
  assert.equal(siteOf('https://www.dmxapi.cn/v1')?.billing, 'rmb');
  assert.equal(siteOf('https://WWW.DMXAPI.COM')?.billing, 'usd');
  assert.equal(siteOf(' https://ssvip.dmxapi.com/ ')?.billing, 'usdListPrice');
  assert.equal(siteOf('http://127.0.0.1:8787'), undefined);
  assert.equal(siteOf('https://dmxapi.cn'), undefined);
  assert.equal(siteOf('not a url'), undefined);
});
