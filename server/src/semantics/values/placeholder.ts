// Values that stand in for a real secret: empty, 'changeme', '<password>', '{{SMTP_PASS}}', '${SMTP_PASS}',
// 'your_app_password' ... One list for every reader, rule and the probe (it was four regexes that disagreed:
// readers/js, readers/dialects/common, probe/target, the hardcoded-smtp-credentials rule; this is their union).

const WORDS = [
  '', // empty
  '\\*+', 'x+', 'xxx.*', '\\.+', '-+', '\\.\\.\\.',
  'null', 'none', 'nil', 'undefined',
  'change[-_ ]?me', 'changeit', 'password', 'passw(or)?d', 'pass', 'secret',
  // your_password, your-smtp-password, your_app_password, yourpassword, your_api_key ...
  'your[-_ ]?\\w*',
  'todo', 'tbd', 'fixme', 'replace.*', 'fill.*', 'example', 'dummy', 'test', 'placeholder',
];
const TEMPLATES = [
  '<[^>]*>', // <password>
  '\\[[^\\]]*\\]', // [password]
  '\\{\\{.*\\}\\}', // {{SMTP_PASS}}, {{ .Values.pass }}
  '\\{[^}]*\\}', // {password}
  '\\$\\{.*\\}', // ${SMTP_PASS}, ${SMTP_PASS:-x}
  '\\$[A-Za-z_][A-Za-z0-9_]*', // $SMTP_PASS
  '%.*%', // %SMTP_PASS% (Windows, Symfony parameters)
];

const PLACEHOLDER = new RegExp(`^(${[...WORDS, ...TEMPLATES].join('|')})$`, 'i');
const TEMPLATE_INSIDE = /\{\{[^}]*\}\}|\$\{[^}]*\}/;

/** The value is not a real secret: a placeholder word, a template reference, or empty. */
export function isPlaceholder(value: string): boolean {
  const t = value.trim();
  return PLACEHOLDER.test(t) || TEMPLATE_INSIDE.test(t);
}

/** The probe's exception: 'test' is a placeholder in a file (the lint does not call it a leaked secret), but a
 *  real password on local test servers (a lab or GreenMail account test/test), so the probe still sends it. */
export function isPlaceholderForProbe(value: string): boolean {
  if (value.trim().toLowerCase() === 'test') return false;
  return isPlaceholder(value);
}
