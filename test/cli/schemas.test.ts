// The JSON Schemas in schemas/ agree with the code: the .mailconfiglintrc.json schema accepts and rejects
// exactly what the CLI's hand-written validator does (checked with a small draft-07 subset validator on a
// table of cases), and settings.schema.json matches the extension manifest's contributes.configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, parseProjectConfig, RULE_SETTINGS } from '../../server/src/config/rc';
import { rules } from '../../server/src/rules/index';
import { ROOT } from './helpers';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const rcSchema: Schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/mailconfiglintrc.schema.json'), 'utf8'));
const settingsSchema: Schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/settings.schema.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The draft-07 subset these schemas use: type, enum, properties, additionalProperties, propertyNames,
 *  items, minLength, pattern, uniqueItems, minimum, maximum, $ref to #/definitions. */
function valid(schema: Schema, v: unknown, root: Schema = schema): boolean {
  if (schema.$ref) return valid(root.definitions[String(schema.$ref).replace('#/definitions/', '')], v, root);
  const t = schema.type;
  const typeOk =
    t === undefined ||
    (t === 'object' && typeof v === 'object' && v !== null && !Array.isArray(v)) ||
    (t === 'array' && Array.isArray(v)) ||
    (t === 'string' && typeof v === 'string') ||
    (t === 'boolean' && typeof v === 'boolean') ||
    (t === 'integer' && Number.isInteger(v)) ||
    (t === 'number' && typeof v === 'number');
  if (!typeOk) return false;
  if (schema.enum && !schema.enum.includes(v)) return false;
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && v.length < schema.minLength) return false;
    if (schema.pattern && !new RegExp(schema.pattern).test(v)) return false;
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) return false;
    if (schema.maximum !== undefined && v > schema.maximum) return false;
  }
  if (Array.isArray(v)) {
    if (schema.items && !v.every((x) => valid(schema.items, x, root))) return false;
    if (schema.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) return false;
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (schema.propertyNames && !valid(schema.propertyNames, k, root)) return false;
      const p = schema.properties?.[k];
      if (p) {
        if (!valid(p, x, root)) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (typeof schema.additionalProperties === 'object' && !valid(schema.additionalProperties, x, root)) return false;
    }
  }
  return true;
}

function accepted(text: string): boolean {
  try {
    parseProjectConfig(text, '/p/.mailconfiglintrc.json', rules.map((r) => r.meta.id), '/p');
    return true;
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return false;
  }
}

test('rc schema and the CLI validator accept and reject the same configs', () => {
  const id = rules[0].meta.id;
  const cases: unknown[] = [
    {},
    { $schema: './x.json' },
    { rules: { [id]: 'off' } },
    { rules: { [id]: 'info' }, ignore: ['a/**', '*.min.js'], extraEnvFiles: ['deploy/prod.env'] },
    { rules: { [id]: 'warn' } },
    { rules: { [id]: 2 } },
    { rules: [] },
    { ignore: 'dist' },
    { ignore: [''] },
    { ignore: [1] },
    { extraEnvFiles: [true] },
    { unknown: 1 },
    { $schema: 1 },
    { versions: { nodemailer: '9.0.5', 'laravel/framework': '^10.0' } },
    { versions: { nodemailer: 'latest' } },
    { versions: { nodemailer: 9 } },
    { versions: ['nodemailer'] },
    [],
    'rules',
  ];
  for (const c of cases) {
    assert.equal(valid(rcSchema, c), accepted(JSON.stringify(c)), JSON.stringify(c));
  }
  // The schema's example is a valid config for the CLI (it names real rule ids).
  for (const ex of rcSchema.examples) assert.ok(accepted(JSON.stringify(ex)), JSON.stringify(ex));
  // Unknown rule ids: the schema cannot know the catalogue, the CLI rejects them.
  assert.equal(accepted('{"rules": {"no-such-rule": "off"}}'), false);
  assert.deepEqual(rcSchema.definitions.ruleSetting.enum, [...RULE_SETTINGS]);
  assert.deepEqual(Object.keys(rcSchema.properties).sort(), ['$schema', 'extraEnvFiles', 'ignore', 'rules', 'versions']);
});

test('settings schema matches the extension manifest (keys, types, defaults, enums, bounds)', () => {
  const conf = pkg.contributes?.configuration;
  assert.ok(conf, 'package.json contributes.configuration');
  const manifest = Object.fromEntries((Array.isArray(conf) ? conf : [conf]).flatMap((c: Schema) => Object.entries(c.properties ?? {}))) as Record<string, Schema>;
  assert.deepEqual(Object.keys(settingsSchema.properties).sort(), Object.keys(manifest).sort());
  for (const [k, s] of Object.entries(settingsSchema.properties as Record<string, Schema>)) {
    const m = manifest[k];
    for (const f of ['type', 'default', 'enum', 'minimum', 'maximum', 'pattern']) assert.deepEqual(s[f], m[f], `${k}.${f}`);
    assert.ok(valid(s, s.default), `${k}: default valid against its own schema`);
  }
  for (const ex of settingsSchema.examples) assert.ok(valid(settingsSchema, ex), JSON.stringify(ex));
  assert.ok(!valid(settingsSchema, { 'mailConfigLint.run': 'always' }));
  assert.ok(!valid(settingsSchema, { 'mailConfigLint.rules': { x: 'warn' } }));
  // Find SMTP Settings: the ISPDB is opt-in (default off, in both), and only an https:// mirror is accepted.
  assert.equal(manifest['mailConfigLint.discovery.useIspdb'].default, false);
  assert.ok(valid(settingsSchema, { 'mailConfigLint.discovery.useIspdb': true, 'mailConfigLint.discovery.dnsServer': '127.0.0.1:5353', 'mailConfigLint.discovery.ispdbUrl': 'https://ispdb.example/v1.1/' }));
  assert.ok(!valid(settingsSchema, { 'mailConfigLint.discovery.ispdbUrl': 'http://ispdb.example/v1.1/' }));
  assert.ok(!valid(settingsSchema, { 'mailConfigLint.discovery.useIspdb': 'true' }));
  // The manifest points editors at the rc schema.
  assert.ok((pkg.contributes.jsonValidation ?? []).some((j: Schema) => j.fileMatch === '.mailconfiglintrc.json' && j.url === './schemas/mailconfiglintrc.schema.json'));
});
