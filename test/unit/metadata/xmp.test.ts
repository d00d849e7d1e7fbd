import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, isOurXmp, parametersFromXmp, unescapeXml, xmpPacket } from '../../../src/core/metadata/xmp';

describe('XMP packet', () => {
  it('escapes markup and the non-characters XML forbids, and unescapes back', () => {
    const text = `a&b<c>d"e'f\uFFFEg\uFFFF 中文 🎉`;
    const escaped = escapeXml(text);
    assert.doesNotMatch(escaped, /[<>"'\uFFFE\uFFFF]|&(?!amp;|lt;|gt;|quot;|apos;|#x)/);
    assert.equal(unescapeXml(escaped), text);
    assert.equal(unescapeXml('&#65;&#x1F600;&unknown;'), 'A😀&unknown;');
  });

  it('carries JSON through a packet unchanged', () => {
    const json = JSON.stringify({ prompt: '</dmxapi:Parameters><evil/>', n: 1 });
    const packet = xmpPacket(json);
    assert.equal(isOurXmp(packet), true);
    assert.equal(parametersFromXmp(packet), json);
  });

  it('finds nothing in a packet without our namespace, or without the property', () => {
    assert.equal(isOurXmp('<x:xmpmeta/>'), false);
    assert.equal(parametersFromXmp('<x:xmpmeta><dmxapi:Parameters>{}</dmxapi:Parameters></x:xmpmeta>'), undefined);
    assert.equal(parametersFromXmp(xmpPacket('{}').replace(/<dmxapi:Parameters>.*<\/dmxapi:Parameters>/, '')), undefined);
  });
});
