// JS/TS reader: nodemailer transports (createTransport(...), and the `transport` of NestJS's
// MailerModule.forRoot/forRootAsync, which nodemailer receives as is) and process-wide TLS switches
// (process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0') in .js .mjs .cjs .jsx .ts .mts .cts .tsx.
//
// Parser choice: @babel/parser 7.
//  - Error recovery: `errorRecovery: true` keeps going past many recoverable errors (duplicate
//    declarations, misplaced modifiers ...) and still returns a full AST. For the errors it cannot recover
//    from (the half-typed code an editor sees on every keystroke) we fall back to a text scan that finds each
//    `createTransport(` call, cuts its argument out with a tolerant bracket matcher and parses just that, and
//    property by property when even that fails (readers/js/scan.ts). So half-written code still yields
//    what can be found.
//  - TS + JSX in one parser: the `typescript` and `jsx` plugins cover .ts/.tsx/.js/.jsx/.mjs/.cjs with one AST
//    shape, with exact `start`/`end` UTF-16 offsets on every node (what our Sites need).
//  - Speed: not the fastest parser. Measured in-process on the benchmark corpus (../shared/bench README):
//    babel7 7.7 MiB/s, typescript 6.0 createSourceFile 11.4 MiB/s, meriyah 17.3 MiB/s; oxc (native) is faster
//    still. We pay that for the points above, and make it small in practice: mayContainMail() skips ~2/3 of
//    the JS/TS files of a project without parsing, and only subtrees that mention createTransport are walked
//    (reading the corpus costs ~0.3-0.4x of babel-parsing every file).
//  - Bundle size: babel's parser is one ~0.5 MB pure-JS file without dependencies, bundled by esbuild.
//    `typescript` is ~9 MB; oxc-parser needs per-platform native binaries (a packaging burden for a VS Code
//    extension); meriyah and acorn do not parse TypeScript, and meriyah/acorn have no comparable recovery.
//
// Region mode (the normal path, issue 6; readers/js/regions.ts): a lexical pass (strings, templates, comments,
// regex literals skipped) splits a file into top-level statements; babel parses only the statements holding
// createTransport / NODE_TLS_REJECT_UNAUTHORIZED / MailerModule plus, round by round, every statement that
// mentions a name the reading looked up (bindings and member paths are looked up by name, file-wide), with
// the rest blanked so every offset stays exact. The result equals the whole-file parse's (differential
// property test in test/readers/js-regions.test.ts); whenever the pass is unsure, or the masked text has
// any syntax error, or a renamed createTransport import is present, the file is parsed whole. One
// difference: a syntax error in a statement region mode never needed is not reported.
// Measured on the benchmark corpus's 300 mail-bearing JS/TS files: ~3x less reader time.
//
// Size bounds: files up to FULL_PARSE_MAX chars are parsed (by region or whole). Larger files (minified bundles, e.g. a
// 5 MB single line) are scanned for `createTransport(` calls, each parsed on its own (linear time), with a
// ReadProblem saying so; files over SCAN_MAX are skipped with a ReadProblem.
//
// The parts, one job each: parse.ts (parse strategy: region mode, whole-file parse, scan; wires the rest),
// bindings.ts (what a name stands for; resolving a transport argument to its object or URL), detect.ts
// (which calls build a transport), options.ts (options → SmtpConfig with fields, credentials and the
// effective connection), sites.ts (where each value sits in the text, for messages and fixes).
import type { ReadResult, SourceRef } from '../../model/types';
import { registerReader } from '../index';
import type { ReadContext, Reader } from '../types';
import { FileReader, FULL_PARSE_MAX, jsReaderOptions, mayContainMail, regionStats, SCAN_MAX } from './parse';

export { FULL_PARSE_MAX, jsReaderOptions, mayContainMail, regionStats, SCAN_MAX } from './parse';

export const jsReader: Reader = {
  format: 'js',
  mayContainMail,
  read(file: string, text: string, ctx: ReadContext): ReadResult {
    let r = new FileReader(file, text, ctx ?? {});
    try {
      if (!mayContainMail(text)) return r.result();
      if (text.length > SCAN_MAX) {
        r.problems.push({ kind: 'too-large', message: `file too large; skipped after ${Math.round(SCAN_MAX / 1e6)} MB` });
        return r.result();
      }
      if (text.length > FULL_PARSE_MAX) {
        r.problems.push({
          kind: 'bounded-mode',
          message: `large file (${(text.length / 1e6).toFixed(1)} MB): not parsed as a whole (limit ${FULL_PARSE_MAX / 1e6} MB); only createTransport(...) calls and NODE_TLS_REJECT_UNAUTHORIZED assignments were read`,
        });
        r.readScan();
      } else {
        // Region mode first (parses only the statements that matter); the whole file when it is unsure.
        let rr: FileReader | undefined;
        try {
          rr = jsReaderOptions.regions ? FileReader.readRegions(file, text, ctx ?? {}) : undefined;
          regionStats[rr ? 'regions' : 'full']++;
        } catch {
          rr = undefined;
        }
        if (rr) r = rr;
        else r.readFull();
      }
    } catch (e) {
      // Never throw out of read: keep what was found, report the rest.
      r.problems.push({ kind: 'internal-error', message: `could not read this file completely: ${(e as Error).message}` });
    }
    return r.result();
  },
};

registerReader(jsReader);

export { nodemailerEffective } from '../../semantics/nodemailer/effective';
export { lookupService, serviceNames } from '../../semantics/nodemailer/presets';
export type { SourceRef };
