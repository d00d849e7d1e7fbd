/**
 * A file-name glob as a RegExp: `*` matches any run of characters but `/`, `?` one such character, and a comma
 * separates alternatives (`studio.test.js,recall.test.js`).
 */
export function globToRegExp(glob: string): RegExp {
  const alternative = (one: string): string =>
    one
      .split('')
      .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
  return new RegExp(`^(?:${glob.split(',').map(alternative).join('|')})$`);
}
