import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entries = ['src/index.ts', 'src/onnx/index.ts'];

/** Every export of a public entry, with the TSDoc of its declaration. */
function exportsOf(entry: string): { name: string; summary: string; tags: string[] }[] {
  const program = ts.createProgram([`${root}${entry}`], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(`${root}${entry}`)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    const tags = declaration === undefined ? [] : ts.getJSDocTags(declaration).map((tag) => tag.tagName.text);
    return { name: exported.name, summary, tags };
  });
}

describe('public API documentation', () => {
  it.each(entries)('every export of %s has a TSDoc summary and an @example', (entry) => {
    const exported = exportsOf(entry);
    expect(exported.length).toBeGreaterThan(5);
    const undocumented = exported.filter((e) => e.summary.trim() === '' || !e.tags.includes('example')).map((e) => e.name);
    expect(undocumented).toEqual([]);
  });
});
