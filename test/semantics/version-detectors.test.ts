// semantics/version-detectors: Composer and Python project files give a library's release per file
// (fixture lockfiles in test/fixtures/versions/), and the npm-style ranges they produce compare as written.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { atLeast, findLibraryVersion } from '../../server/src/semantics/versions';
import { composerConstraintToRange } from '../../server/src/semantics/version-detectors/composer';
import { pep440ToRange, pythonDetector } from '../../server/src/semantics/version-detectors/python';
import '../../server/src/register';
import { tmpDir, writeTree } from '../cli/helpers';

const FIX = path.join(__dirname, '..', 'fixtures', 'versions');
const at = (dir: string, lib: string) => findLibraryVersion(path.join(FIX, dir, 'sub', 'file.x'), lib);

test('composer.lock: the installed release wins over composer.json; v prefix dropped; packages-dev read', () => {
  assert.deepEqual(at('laravel10', 'laravel/framework'), { library: 'laravel/framework', spec: '10.48.22', source: 'composer.lock' });
  assert.deepEqual(at('laravel10', 'symfony/mailer'), { library: 'symfony/mailer', spec: '6.4.13', source: 'composer.lock' });
  assert.equal(at('laravel10', 'phpunit/phpunit')?.spec, '10.5.38');
  assert.equal(atLeast(at('laravel10', 'laravel/framework')?.spec, '9.0.0'), true);
  assert.equal(at('laravel10', 'phpmailer/phpmailer'), undefined);
});

test('composer.json: constraints in Composer syntax (~ is the next major for X.Y, | and , as OR/AND)', () => {
  const fw = at('laravel8-json', 'laravel/framework');
  assert.deepEqual(fw, { library: 'laravel/framework', spec: '>=8.75.0 <9.0.0', source: 'composer.json "~8.75"' });
  assert.equal(atLeast(fw?.spec, '9.0.0'), false);
  const pm = at('laravel8-json', 'phpmailer/phpmailer');
  assert.equal(pm?.spec, '^6.5 || ^7.0');
  assert.equal(atLeast(pm?.spec, '6.0.0'), true);
  assert.equal(atLeast(pm?.spec, '7.0.0'), undefined);
  assert.equal(atLeast(at('laravel8-json', 'symfony/mailer')?.spec, '6.0.0'), false);
  // case-insensitive package names, as Composer compares them
  assert.equal(at('laravel8-json', 'Laravel/Framework')?.spec, '>=8.75.0 <9.0.0');
});

test('composerConstraintToRange: the shapes Composer documents', () => {
  assert.equal(composerConstraintToRange('^10.10'), '^10.10');
  assert.equal(composerConstraintToRange('~10.0'), '>=10.0.0 <11.0.0');
  assert.equal(composerConstraintToRange('~1.2.3'), '>=1.2.3 <1.3.0');
  assert.equal(composerConstraintToRange('v6.9.1'), '6.9.1');
  assert.equal(composerConstraintToRange('^9.0@dev'), '^9.0');
  assert.equal(composerConstraintToRange('>=8.1,<9'), '>=8.1 <9');
  assert.equal(composerConstraintToRange('9.x-dev'), '9.x');
  assert.equal(composerConstraintToRange('10.0.x-dev'), '10.0.x');
  assert.equal(composerConstraintToRange('1.2.3.4'), '1.2.3');
  assert.equal(composerConstraintToRange('dev-main'), undefined);
  assert.equal(composerConstraintToRange('*'), undefined);
  assert.equal(composerConstraintToRange('1.0 - 2.0'), undefined);
  assert.equal(atLeast(composerConstraintToRange('9.x-dev'), '9.0.0'), true);
});

test('Python lockfiles: poetry.lock, uv.lock and Pipfile.lock give the installed release (PEP 503 names)', () => {
  assert.deepEqual(at('poetry', 'django'), { library: 'django', spec: '4.2.16', source: 'poetry.lock' });
  assert.deepEqual(at('poetry', 'Flask_Mail'), { library: 'Flask_Mail', spec: '0.10.0', source: 'poetry.lock' });
  assert.deepEqual(at('uv', 'aiosmtplib'), { library: 'aiosmtplib', spec: '3.0.2', source: 'uv.lock' });
  assert.deepEqual(at('pipenv', 'aiosmtplib'), { library: 'aiosmtplib', spec: '3.0.2', source: 'Pipfile.lock' });
  assert.equal(atLeast(at('poetry', 'django')?.spec, '4.2.0'), true);
  assert.equal(atLeast(at('poetry', 'django')?.spec, '5.0.0'), false);
});

test('Pipfile.lock is parsed once per text (every linted file of a project asks for its versions)', () => {
  const dir = tmpDir('mcl-pipfile-once-');
  let lock = JSON.stringify({ default: { django: { version: '==4.2.7' } }, develop: { 'flask-mail': { version: '==0.10.0' } } });
  const read = (f: string) => (path.basename(f) === 'Pipfile.lock' ? lock : undefined);
  const parse = mock.method(JSON, 'parse');
  try {
    for (let i = 0; i < 3; i++) {
      assert.equal(pythonDetector.detect(dir, 'django', read)?.spec, '4.2.7');
      assert.equal(pythonDetector.detect(dir, 'Flask_Mail', read)?.spec, '0.10.0');
    }
    assert.equal(parse.mock.callCount(), 1);
    // an edited lockfile (a new text) is parsed again
    lock = JSON.stringify({ default: { django: { version: '==5.0.1' } } });
    assert.equal(pythonDetector.detect(dir, 'django', read)?.spec, '5.0.1');
    assert.equal(parse.mock.callCount(), 2);
  } finally {
    parse.mock.restore();
  }
});

test('requirements*.txt: requirements.txt first, -r includes followed, comments/extras/markers/hashes skipped', () => {
  assert.deepEqual(at('reqs', 'django'), { library: 'django', spec: '>=3.2 <4.0', source: 'requirements.txt ">=3.2,<4.0"' });
  assert.equal(atLeast(at('reqs', 'django')?.spec, '4.2.0'), false);
  assert.equal(at('reqs', 'django-environ')?.spec, '0.11.2');
  assert.equal(at('reqs', 'flask-mailman')?.spec, '>=1.0.0 <2.0.0');
  // only in requirements-dev.txt
  assert.deepEqual(at('reqs', 'fastapi-mail'), { library: 'fastapi-mail', spec: '1.4.1', source: 'requirements-dev.txt "==1.4.1"' });
});

test('pyproject.toml: PEP 621 dependency strings and Poetry tables', () => {
  assert.deepEqual(at('pyproject-pep621', 'django'), { library: 'django', spec: '>=4.2.0 <5.0.0', source: 'pyproject.toml "~=4.2"' });
  assert.equal(at('pyproject-pep621', 'flask-mail')?.spec, '>=0.9.1');
  assert.deepEqual(at('pyproject-poetry', 'django'), { library: 'django', spec: '~5.0', source: 'pyproject.toml' });
  assert.equal(at('pyproject-poetry', 'flask-mail')?.spec, '0.9.1');
});

test('pep440ToRange', () => {
  assert.equal(pep440ToRange('==4.2.7'), '4.2.7');
  assert.equal(pep440ToRange('==4.2.*'), '4.2.x');
  assert.equal(pep440ToRange('~=4.2.1'), '>=4.2.1 <4.3.0');
  assert.equal(pep440ToRange('>=4.2,!=4.2.3,<5'), '>=4.2 <5');
  assert.equal(pep440ToRange('latest'), undefined);
  assert.equal(atLeast(pep440ToRange('==4.2.*'), '4.2.0'), true);
});

test('nearest folder wins across ecosystems; broken files are skipped, never thrown', () => {
  const dir = tmpDir('mcl-verdet-');
  writeTree(dir, {
    'composer.lock': '{ not json',
    'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11.0' } }),
    'poetry.lock': '[[package]\nname = ',
    'requirements.txt': 'Django==5.0.1\n',
    'app/requirements.txt': '-r requirements.txt\n', // includes itself: no loop
    'app/composer.lock': JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v9.52.16' }] }),
  });
  assert.deepEqual(findLibraryVersion(path.join(dir, 'config/mail.php'), 'laravel/framework'), { library: 'laravel/framework', spec: '^11.0', source: 'composer.json' });
  assert.equal(findLibraryVersion(path.join(dir, 'app/config/mail.php'), 'laravel/framework')?.spec, '9.52.16');
  assert.equal(findLibraryVersion(path.join(dir, 'app/settings.py'), 'django')?.spec, '5.0.1');
  // npm names are not looked up in Python files and the other way round
  assert.equal(findLibraryVersion(path.join(dir, 'app/x.py'), 'nodemailer'), undefined);
});
