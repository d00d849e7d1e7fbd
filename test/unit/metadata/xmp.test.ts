import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, isOurXmp, parametersFromXmp, unescapeXml, xmpPacket } from '../../../src/core/metadata/xmp';

/**
 * XML 1.0 `Char`: every character of the document, and every character a reference names, must be one. This is
 * what expat checks first; a packet that fails it is refused whole.
 */
function assertWellFormedChars(xml: string): void {
  const isChar = (code: number): boolean =>
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  for (const char of xml) {
    assert.ok(isChar(char.codePointAt(0)!), `U+${char.codePointAt(0)!.toString(16)} is not an XML character`);
  }
  for (const [, hex, decimal] of xml.matchAll(/&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g)) {
    const code = hex === undefined ? Number(decimal) : parseInt(hex, 16);
    assert.ok(isChar(code), `&#…; names U+${code.toString(16)}, which XML does not allow`);
  }
}

describe('XMP packet', () => {
  it('escapes markup, and unescapes back', () => {
    const text = `a&b<c>d"e'f 中文 🎉`;
    const escaped = escapeXml(text);
    assert.doesNotMatch(escaped, /[<>"']|&(?!amp;|lt;|gt;|quot;|apos;)/);
    assert.equal(unescapeXml(escaped), text);
    assert.equal(unescapeXml('&#65;&#x1F600;&unknown;'), 'A😀&unknown;');
  });

  it('is well-formed XML whatever the prompt holds, and the prompt comes back exactly', () => {
    const prompt = `fox\uFFFE\uFFFF and a lone \uD800 half, a \uDC00 half, a pair 😀, 中文, <tag> & "quotes"`;
    const json = JSON.stringify({ prompt }).replace('\\ud800', '\uD800'); // as a careless serializer might write it
    const packet = xmpPacket(json);
    assertWellFormedChars(packet);
    assert.equal(JSON.parse(parametersFromXmp(packet)!).prompt, prompt);
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
