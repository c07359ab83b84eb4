import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The table's layering, checked on the source: every DynamoDB request of an
 * area goes through its store (`<area>/repository.ts` or `<area>/repository/`),
 * index names and key attributes appear only in shared/src/table.ts, and
 * functions/src/lib (the plumbing the stores use) depends on no area.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FUNCTIONS = join(ROOT, 'functions/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path);
const parse = (path: string, text = readFileSync(path, 'utf8')) =>
  ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);

/** An area's store, or lib (the plumbing the stores send their requests through). */
const isStore = (path: string) => /^functions\/src\/[^/]+\/repository(\.ts|\/[^/]+\.ts)$/.test(rel(path));
const isLib = (path: string) => rel(path).startsWith('functions/src/lib/');
/** Loads generated items with lib/bulk.ts, built by the stores' item builders. */
const BULK_LOADERS = new Set(['functions/src/demo/seed.ts']);

interface Import {
  from: string;
  /** Value (not type-only) names it imports; `*` for a namespace, default or side-effect import. */
  values: string[];
}

function importsOf(file: ts.SourceFile): Import[] {
  return file.statements.filter(ts.isImportDeclaration).map((node) => {
    const from = (node.moduleSpecifier as ts.StringLiteral).text;
    const clause = node.importClause;
    if (!clause) return { from, values: ['*'] };
    if (clause.isTypeOnly) return { from, values: [] };
    const values: string[] = clause.name ? ['*'] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) values.push('*');
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (!element.isTypeOnly) values.push((element.propertyName ?? element.name).text);
      }
    }
    return { from, values };
  });
}

/** What lib/db.ts exports that sends no request: errors, cursors, key stripping (types are always fine). */
const DB_HELPERS = new Set([
  'isConditionFailure',
  'isUnavailable',
  'TransactionConditionError',
  'encodeCursor',
  'decodeCursor',
  'stripKeys',
  'backOff',
]);

/** Why a file that is neither a store nor lib may not import what it imports (empty: it may). */
function requestImports(path: string, file: ts.SourceFile): string[] {
  const problems: string[] = [];
  for (const { from, values } of importsOf(file)) {
    if (values.length === 0) continue;
    if (from === '@aws-sdk/lib-dynamodb' || from === '@aws-sdk/client-dynamodb') {
      problems.push(`imports ${values.join(', ')} from ${from}`);
    } else if (/(^|\/)lib\/db\.js$/.test(from)) {
      const senders = values.filter((name) => !DB_HELPERS.has(name));
      if (senders.length) problems.push(`sends requests through lib/db.ts (${senders.join(', ')})`);
    } else if (/(^|\/)lib\/aws\.js$/.test(from) && values.includes('db')) {
      problems.push('sends requests with the DynamoDB client of lib/aws.ts');
    } else if (/(^|\/)lib\/bulk\.js$/.test(from) && !BULK_LOADERS.has(rel(path))) {
      problems.push(`writes through lib/bulk.ts (${values.join(', ')})`);
    }
  }
  return problems;
}

/** Literals (strings, template parts) and identifiers that name an index or its key attributes. */
function gsiNames(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isIdentifier(node)
    ) {
      if (/GSI[0-9]/.test(node.text)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push(`${line + 1}: ${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * What a lib file imports from functions/src outside lib: nothing but the
 * wiring (pure data, no area); an area folder, or a module composing areas
 * (area-router.ts), would make the plumbing depend on an area.
 */
function areaImports(path: string, file: ts.SourceFile): string[] {
  return importsOf(file)
    .map(({ from }) => from)
    .filter((from) => from.startsWith('.'))
    .filter((from) => {
      const target = relative(FUNCTIONS, resolve(dirname(path), from));
      return !target.startsWith('..') && !target.startsWith('lib/') && target !== 'wiring.js';
    });
}

const report = (entries: [string, string[]][]) =>
  Object.fromEntries(entries.filter(([, problems]) => problems.length > 0));

describe('one store per area', () => {
  const files = sourceFiles(FUNCTIONS);

  it('finds the stores', () => {
    const stores = files.filter(isStore).map(rel);
    for (const area of ['auth', 'members', 'genealogy', 'catalog', 'company', 'commissions', 'orders', 'payments']) {
      expect(stores.some((path) => path.startsWith(`functions/src/${area}/repository`))).toBe(true);
    }
    for (const area of ['autoship', 'email', 'system']) expect(stores).toContain(`functions/src/${area}/repository.ts`);
  });

  it('sends DynamoDB requests only from the stores (and lib, their plumbing)', () => {
    const outside = files.filter((path) => !isStore(path) && !isLib(path));
    expect(report(outside.map((path) => [rel(path), requestImports(path, parse(path))]))).toEqual({});
  });

  it('names indexes and their key attributes only in shared/src/table.ts', () => {
    const code = [...files, ...sourceFiles(join(ROOT, 'shared/src')), ...sourceFiles(join(ROOT, 'infra/src'))].filter(
      (path) => rel(path) !== 'shared/src/table.ts',
    );
    expect(report(code.map((path) => [rel(path), gsiNames(parse(path))]))).toEqual({});
  });

  it('keeps functions/src/lib free of any area', () => {
    const lib = files.filter(isLib);
    expect(report(lib.map((path) => [rel(path), areaImports(path, parse(path))]))).toEqual({});
  });

  it('would catch each kind of slip', () => {
    const service = join(FUNCTIONS, 'orders/service.ts');
    const slips = parse(
      service,
      [
        "import { QueryCommand } from '@aws-sdk/lib-dynamodb';",
        "import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';",
        "import type { AttributeValue } from '@aws-sdk/client-dynamodb';",
        "import { queryAll, stripKeys, type Item } from '../lib/db.js';",
        "import { bulkPut } from '../lib/bulk.js';",
        "import { db, sesClient } from '../lib/aws.js';",
        "const a = { IndexName: 'GSI1', KeyConditionExpression: `${'x'} AND GSI2SK = :sk` };",
        'const b = { GSI3PK: 1 };',
        '// GSI4 in a comment is fine',
      ].join('\n'),
    );
    expect(requestImports(service, slips)).toEqual([
      'imports QueryCommand from @aws-sdk/lib-dynamodb',
      'imports ConditionalCheckFailedException from @aws-sdk/client-dynamodb',
      'sends requests through lib/db.ts (queryAll)',
      'writes through lib/bulk.ts (bulkPut)',
      'sends requests with the DynamoDB client of lib/aws.ts',
    ]);
    expect(gsiNames(slips)).toEqual(['7: GSI1', '7:  AND GSI2SK = :sk', '8: GSI3PK']);
    const libFile = join(FUNCTIONS, 'lib/http.ts');
    const libSlip = parse(
      libFile,
      "import type { Principal } from '../auth/principal.js';\nimport { areaRouter } from '../area-router.js';\n" +
        "import { routeKey } from '../wiring.js';\nimport { env } from './env.js';",
    );
    expect(areaImports(libFile, libSlip)).toEqual(['../auth/principal.js', '../area-router.js']);
  });
});
