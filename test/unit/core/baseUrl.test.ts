import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkBaseUrl, displayableUrl, isLoopbackHost } from '../../../src/core/baseUrl';

/** The key goes wherever dmxapi.baseUrl points: only https, or http on this machine, and never with credentials. */

describe('checkBaseUrl', () => {
  test('https is accepted and normalised (no trailing slash, no /v1 or /v1beta)', () => {
    assert.deepEqual(checkBaseUrl(' https://www.dmxapi.cn/v1/ '), { ok: true, url: 'https://www.dmxapi.cn', host: 'www.dmxapi.cn' });
    assert.deepEqual(checkBaseUrl('https://proxy.example:8443/dmx/v1beta'), { ok: true, url: 'https://proxy.example:8443/dmx', host: 'proxy.example:8443' });
  });

  test('http is refused for any host but loopback: the key would travel in clear text', () => {
    for (const url of ['http://www.dmxapi.cn', 'http://192.168.1.10:8080', 'http://attacker.example', 'http://127.0.0.1.nip.io']) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, reason: 'cleartext' }, url);
    }
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:8080/v1', 'http://[::1]:9000', 'http://127.1.2.3']) {
      assert.equal(checkBaseUrl(url).ok, true, url);
    }
  });

  test('a user name or a password in the URL is refused, either one alone', () => {
    for (const url of ['https://user@www.dmxapi.cn', 'https://:secret@www.dmxapi.cn', 'https://user:secret@www.dmxapi.cn', 'http://:pw@127.0.0.1:1']) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, reason: 'credentials' }, url);
    }
  });

  test('anything else that is not a plain http(s) base URL is refused', () => {
    for (const url of ['not a url', 'ftp://www.dmxapi.cn', 'file:///etc', 'https://www.dmxapi.cn/?key=1', 'https://www.dmxapi.cn/#x']) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, reason: 'notHttpUrl' }, url);
    }
  });
});

test('isLoopbackHost: only names and addresses of this machine', () => {
  assert.ok(isLoopbackHost('localhost') && isLoopbackHost('127.0.0.1') && isLoopbackHost('[::1]') && isLoopbackHost('app.localhost'));
  assert.ok(!isLoopbackHost('localhost.example.com') && !isLoopbackHost('10.0.0.1') && !isLoopbackHost('127.0.0.1.example'));
});

test('displayableUrl never shows the password of a refused URL', () => {
  assert.equal(displayableUrl('https://user:secret@host.example/x'), 'https://host.example/x');
  assert.ok(!displayableUrl('not a url //user:secret@host').includes('secret'));
});
