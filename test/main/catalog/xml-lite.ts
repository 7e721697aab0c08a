/** A strict little XML parser for tests: elements, attributes, text, the five entities and char refs. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] as string;
  });
}

export function parseXml(xml: string): XmlElement {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('invalid XML character');
  let i = 0;
  const fail = (m: string) => {
    throw new Error(`${m} at ${i}: ${xml.slice(i, i + 40)}`);
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  skipSpace();
  const parseElement = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const name = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i))?.[0] ?? fail('bad name');
    i += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i)) ?? fail('bad attribute');
      el.attributes[attr[1] as string] = decode(attr[2] as string);
      i += attr[0].length;
    }
    for (;;) {
      if (xml.startsWith(`</${name}>`, i)) {
        i += name.length + 3;
        return el;
      }
      if (xml[i] === '<') {
        el.children.push(parseElement());
        continue;
      }
      const end = xml.indexOf('<', i);
      if (end < 0) fail('unclosed element');
      const raw = xml.slice(i, end);
      if (raw.includes('>') || /&(?!(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);)/.test(raw)) fail('unescaped character in text');
      el.text += decode(raw);
      i = end;
    }
  };
  const root = parseElement();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
