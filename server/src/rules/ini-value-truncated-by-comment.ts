// INI value cut short by an unquoted `#` or `;` (Gitea app.ini [mailer], Grafana grafana.ini [smtp]):
// go-ini (gopkg.in/ini.v1) starts an inline comment at the first `#` or `;` of an unquoted value, so
// `PASSWD = Zx81#wq` hands Gitea the password `Zx81` and AUTH fails with 535. The INI reader keeps the value
// as it was meant in extras['truncated:<KEY>'] (readers/ini). Only backticks or triple quotes protect it:
// go-ini strips surrounding "…" only AFTER cutting the comment.
import type { Field, Fix } from '../model/types';
import type { Rule } from './types';
import { setEdit, spanOf } from './util';

const SECRET = /PASS|SECRET|TOKEN/i;

/** The value as meant, without the '…' / "…" the author hoped would protect it. */
function innerOf(meant: string): string {
  const q = meant[0];
  return meant.length >= 2 && (q === '"' || q === "'") && meant[meant.length - 1] === q ? meant.slice(1, -1) : meant;
}

function wrapFix(f: Field, quote: '`' | '"""', safe: boolean): Fix {
  const meant = innerOf(String(f.value));
  const shown = quote === '`' ? 'backticks' : 'triple quotes (""")';
  return { title: `Wrap the value of ${f.key} in ${shown} so go-ini reads all of it`, safe, edits: [setEdit(f, `${quote}${meant}${quote}`, 'code')] };
}

export const rule: Rule = {
  meta: {
    id: 'ini-value-truncated-by-comment',
    defaultSeverity: 'warning',
    short: 'Unquoted # or ; inside an INI value (Gitea app.ini, grafana.ini): everything from it on is dropped as a comment',
    long:
      'Gitea and Grafana read their INI files with Go\'s gopkg.in/ini.v1, which treats the first # or ; of an unquoted value ' +
      'as the start of an inline comment, even inside a word: PASSWD = abc#123 is read as "abc", so SMTP AUTH fails with ' +
      '535 (authentication failed) and nothing in the file looks wrong. Double quotes do not help (they are removed only ' +
      'after the comment is cut). Wrap the value in backticks (`abc#123`) or triple quotes ("""abc#123"""), as the Gitea ' +
      'and Grafana docs say.',
    sources: [
      'go-ini/ini parser.go readValue (b2f570e, v1.67.0): IndexAny(line, "#;") unless IgnoreInlineComment; `…` and """…""" values end at the last quote',
      'go-gitea/gitea modules/setting/config_provider.go: app.ini loaded with LoadOptions{IgnoreContinuation: true} (inline comments on)',
      'grafana/grafana pkg/setting/setting.go loadSpecifiedConfigFile: ini.Load(configFile) (default options)',
      'Gitea docs: config cheat sheet ("values containing # or ; must be quoted using ` or """"), email setup (PASSWD = `password`)',
      'Grafana conf/sample.ini [smtp]: "If the password contains # or ; you have to wrap it with triple quotes"',
    ],
    fixSafety:
      'Safe when the value is one word (abc#123): the fix only adds quotes around what is written, so the app reads the whole value. ' +
      'Unsafe when the text after the # holds spaces (it may be a real comment): review what the value should be.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.format !== 'ini') return;
    for (const [k, f] of Object.entries(cfg.extras)) {
      if (!k.startsWith('truncated:') || typeof f.value !== 'string') continue;
      const meant = f.value;
      const cut = meant.search(/[#;]/);
      if (cut <= 0) continue;
      const secret = SECRET.test(f.key);
      const ch = meant[cut];
      const what = secret
        ? `only the characters before the ${ch} (${cut} of ${meant.length})`
        : `"${meant.slice(0, cut).trim()}" instead of "${meant.length > 60 ? meant.slice(0, 57) + '…' : meant}"`;
      const effect = secret ? 'SMTP AUTH fails with 535 (authentication failed)' : 'the setting does not say what it seems to';
      const safe = !/\s/.test(meant);
      const order: ('`' | '"""')[] = cfg.dialect === 'grafana' ? ['"""', '`'] : ['`', '"""'];
      const fixList = order.filter((q) => !(q === '`' && innerOf(meant).includes('`'))).map((q, i) => wrapFix(f, q, safe && i === 0));
      ctx.report({
        message: `The ${ch} in ${f.key} starts an inline comment for go-ini, so ${cfg.dialect === 'grafana' ? 'Grafana' : 'Gitea'} reads ${what}: ${effect}. Wrap the value in backticks or triple quotes (double quotes do not protect it).`,
        span: spanOf(f),
        fixes: fixList,
        configId: cfg.id,
      });
    }
  },
};
export default rule;
