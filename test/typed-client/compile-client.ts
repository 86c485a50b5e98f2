import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const GENERATOR = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
export const MINI_PROGRAM = join(__dirname, 'mini-program.ts');

/**
 * Generates the client types from an OpenAPI document with openapi-typescript (its CLI: the package is ESM only),
 * then type-checks mini-program.ts against them. Returns the compiler's complaints, one line each.
 */
export function compileAgainst(document: object): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'engage-typed-client-'));
  try {
    const documentFile = join(dir, 'openapi.json');
    const typesFile = join(dir, 'engage-openapi.d.ts');
    writeFileSync(documentFile, JSON.stringify(document));
    execFileSync(process.execPath, [GENERATOR, documentFile, '--output', typesFile], { stdio: 'pipe' });
    const program = ts.createProgram([MINI_PROGRAM], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      esModuleInterop: true,
      skipLibCheck: true,
      ignoreDeprecations: '6.0',
      paths: { 'engage-openapi': [typesFile] },
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file || diagnostic.start === undefined) return text;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${diagnostic.file.fileName.replace(ROOT + '/', '')}:${line + 1}: ${text}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
