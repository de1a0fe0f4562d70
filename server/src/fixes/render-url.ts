// Renders field edits for parts of a URL/DSN (site style 'url-part', see readers/url.ts) inside any
// containing entry (.env value, YAML scalar, JS string):
//   set    → replace the part (scheme, host, port digits, a query value)
//   remove → a query parameter together with its joining `&` / `?` (`?a=1&b=2` − a → `?b=2`, − b → `?a=1`,
//            only param → no `?` left); a port together with its `:`
//   insert → `after` is a url-part field: key 'port' adds `:N` after the host; any other key adds a query
//            parameter at the end of the URL (`?k=v`, or `&k=v` when a query exists)
//   rename → a query parameter's key
import type { FieldEdit, Site, TextEdit } from '../model/types';
import { registerRenderer } from './render';

const URL_STOP = /[\s"'`#]/; // a `#` ends an unquoted .env value, and SMTP URLs have no fragment

/** Start and end of the URL containing the part at `at` (same line; scheme found through `://`). */
function urlBounds(text: string, site: Site): { start: number; end: number } {
  const at = site.value.start;
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const sep = text.lastIndexOf('://', at);
  let start = sep >= lineStart ? sep : at;
  while (start > lineStart && /[A-Za-z0-9+.-]/.test(text[start - 1])) start--;
  let end = Math.max(site.value.end, site.entry.end);
  while (end < text.length && !URL_STOP.test(text[end])) end++;
  return { start, end };
}

export function renderUrlEdit(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set': {
      const s = edit.field.site;
      return [{ file: s.file, span: { ...s.value }, newText: edit.text }];
    }
    case 'remove': {
      const s = edit.field.site;
      let { start, end } = s.entry;
      const before = text[start - 1];
      const after = text[end];
      if (s.key) {
        // a query parameter
        if (before === '&') start -= 1;
        else if (before === '?') {
          if (after === '&') end += 1;
          else start -= 1;
        }
      } else if (before === ':' && /^\d*$/.test(text.slice(start, end))) start -= 1; // the port with its colon
      return [{ file: s.file, span: { start, end }, newText: '' }];
    }
    case 'insert': {
      const a = edit.after.site;
      if (edit.key === 'port') return [{ file: a.file, span: { start: a.value.end, end: a.value.end }, newText: `:${edit.text}` }];
      const { start, end } = urlBounds(text, a);
      const url = text.slice(start, end);
      const q = url.indexOf('?');
      const param = `${encodeURIComponent(edit.key).replace(/%2E/gi, '.')}=${encodeURIComponent(edit.text)}`;
      let newText: string;
      if (q < 0) newText = `?${param}`;
      else if (url.endsWith('?') || url.endsWith('&')) newText = param;
      else newText = `&${param}`;
      return [{ file: a.file, span: { start: end, end }, newText }];
    }
    case 'rename': {
      const s = edit.field.site;
      if (!s.key) return [];
      return [{ file: s.file, span: { ...s.key }, newText: edit.key }];
    }
  }
}

registerRenderer(['url-part'], { render: renderUrlEdit });
