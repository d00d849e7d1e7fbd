/**
 * The XMP packet JPEG (APP1) and WebP (`XMP ` chunk) carry: our JSON as the text of one `dmxapi:Parameters`
 * property, XML-escaped, beside the standard `xmp:CreatorTool`. Reading looks the prefix up from our namespace
 * URI, so a tool that rewrote the packet with another prefix (or as an attribute) is still understood.
 */

export const XMP_NAMESPACE = 'https://github.com/dmxapi-image-studio/dmxapi-image-studio/ns/1.0/';
const CREATOR_TOOL = 'DMXAPI Image Studio';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes markup characters, and the two non-characters XML forbids that `JSON.stringify` leaves as they are. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\uFFFE\uFFFF]/g, (c) => XML_ESCAPES[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
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
    `   <dmxapi:Parameters>${escapeXml(json)}</dmxapi:Parameters>`,
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
