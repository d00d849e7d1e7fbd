/**
 * The XMP packet JPEG (APP1) and WebP (`XMP ` chunk) carry: our JSON as the text of one `dmxapi:Parameters`
 * property, XML-escaped, beside the standard `xmp:CreatorTool`. Reading looks the prefix up from our namespace
 * URI, so a tool that rewrote the packet with another prefix (or as an attribute) is still understood.
 */

export const XMP_NAMESPACE = 'https://github.com/dmxapi-image-studio/dmxapi-image-studio/ns/1.0/';
const CREATOR_TOOL = 'DMXAPI Image Studio';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes markup characters. Characters XML cannot hold at all are the caller's to keep out (`xmlSafeJson`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/**
 * Characters outside XML 1.0's `Char`: not even a character reference (`&#xFFFE;`) may name them, so a packet
 * holding one is refused whole by XML parsers (expat). Controls other than tab and line ends, U+FFFE, U+FFFF,
 * and UTF-16 halves without their partner.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The JSON with every character XML cannot hold written as a JSON escape (`\uFFFE`) instead. Such characters
 * can only stand inside JSON strings, where the escape means the same character, so the prompt comes back
 * exactly when the JSON is parsed, and the packet is well-formed XML.
 */
export function xmlSafeJson(json: string): string {
  return json.replace(NOT_XML_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

export function xmpPacket(json: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dmxapi="${XMP_NAMESPACE}" xmp:CreatorTool="${CREATOR_TOOL}">`,
    `   <dmxapi:Parameters>${escapeXml(xmlSafeJson(json))}</dmxapi:Parameters>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** True when the packet declares our namespace, i.e. we wrote it and may replace it. */
export function isOurXmp(packet: string): boolean {
  return packet.includes(XMP_NAMESPACE);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The JSON text of our property, or undefined when the packet holds none. */
export function parametersFromXmp(packet: string): string | undefined {
  const prefix = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRegExp(XMP_NAMESPACE)}["']`).exec(packet)?.[1];
  if (prefix === undefined) {
    return undefined;
  }
  const name = `${escapeRegExp(prefix)}:Parameters`;
  const element = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}\\s*>`).exec(packet);
  const attribute = element ? undefined : new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(packet);
  const escaped = element?.[1] ?? attribute?.[1] ?? attribute?.[2];
  return escaped === undefined ? undefined : unescapeXml(escaped);
}
