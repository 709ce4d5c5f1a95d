// French and English are complete: no user-facing string is written into the pages' markup, both catalogues
// have the same keys, placeholders and no empty message, and every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../utils/types';
import { METHODOLOGY, GRADES } from '../utils/methodology';
import { CATALOGUES, pickLang, translator } from './i18n';
import { CLASS_KEYS } from './country';

const root = join(import.meta.dirname, '..');

/** Attributes a person reads or hears. */
const USER_FACING = new Set(['title', 'alt', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext']);
/** Text made only of punctuation, digits and spaces needs no translation. */
const hasWords = (text: string) => /\p{L}/u.test(text);

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

/** Hard-coded user-facing strings of a .tsx source: JSX text, string children, literal user-facing attributes. */
export function hardCodedStrings(source: string, fileName = 'file.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${fileName}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const literalText = (node: ts.Node | undefined): string | null => {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    if (ts.isConditionalExpression(node)) return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' ') || null;
    if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text && hasWords(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && USER_FACING.has(node.name.getText(file))) {
      const init = node.initializer;
      const text = init && ts.isJsxExpression(init) ? literalText(init.expression) : literalText(init);
      if (text && hasWords(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no hard-coded user-facing string', () => {
  it('finds the kinds of strings it looks for (control)', () => {
    const sample = `
      const a = <p>Hello</p>;
      const b = <img alt="A logo" />;
      const c = <button aria-label={'Close'}>{t('x')}</button>;
      const d = <p>{ok ? 'Yes' : t('no')}</p>;
      const e = <input placeholder={\`Search \${x}\`} />;
      const f = <p>{t('fine')} · {' '} — {n} / 100</p>;
      const g = <svg><text x="1">{label}</text></svg>;`;
    expect(hardCodedStrings(sample).map((s) => s.replace(/^file\.tsx:\d+: /, ''))).toEqual(['"Hello"', '"A logo"', '"Close"', '"Yes"', '"Search"']);
  });

  it('finds none in the pages and components', () => {
    const sources = [...files(join(root, 'entrypoints'), '.tsx'), ...files(join(root, 'components'), '.tsx')];
    expect(sources.length).toBeGreaterThan(10);
    const found = sources.flatMap((path) => hardCodedStrings(readFileSync(path, 'utf8'), relative(root, path)));
    expect(found).toEqual([]);
  });
});

describe('message catalogues', () => {
  const en = CATALOGUES.en;
  const fr = CATALOGUES.fr;

  it('have the same keys in French and English', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty message and the same placeholders in both languages', () => {
    for (const [key, entry] of Object.entries(en)) {
      const other = fr[key]!;
      expect(entry.message.trim(), `en ${key}`).not.toBe('');
      expect(other.message.trim(), `fr ${key}`).not.toBe('');
      const names = (e: typeof entry) => (e.message.match(/\$[A-Z0-9_]+\$/gi) ?? []).map((n) => n.toLowerCase()).sort();
      expect(names(other), key).toEqual(names(entry));
      expect(Object.keys(other.placeholders ?? {}).sort(), key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
      for (const name of names(entry)) expect(entry.placeholders?.[name.slice(1, -1)], `${key} ${name}`).toBeDefined();
    }
  });

  it('have every key the code asks for, literal or built from a list', () => {
    const sources = [...files(join(root, 'entrypoints'), '.ts'), ...files(join(root, 'entrypoints'), '.tsx'), ...files(join(root, 'components'), '.ts'), ...files(join(root, 'components'), '.tsx')]
      .filter((f) => !f.endsWith('.test.ts'));
    const literal = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1]!)));
    const built = [
      ...CATEGORIES.map((c) => `category_${c.replace(/-/g, '_')}`),
      ...['main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping', 'csp_report', 'media', 'websocket', 'webtransport', 'webbundle', 'other'].map((r) => `type_${r}`),
      ...METHODOLOGY.criteria.map((c) => `criterion${c.id}`),
      ...GRADES.map((g) => `gradeMeaning${g}`),
      ...Object.values(CLASS_KEYS),
      'popupTitle',
      'reportPageTitle',
      'optionsPageTitle',
    ];
    const missing = [...literal, ...built].filter((k) => !en[k]);
    expect(missing).toEqual([]);
  });
});

describe('translator', () => {
  it('fills placeholders in order, whatever their place in each language', () => {
    expect(translator('en')('criterionHeading', 'C1', 'Jurisdiction', 40, 40)).toBe('C1 — Jurisdiction: 40 of 40 points lost');
    expect(translator('fr')('criterionHeading', 'C1', 'Juridiction', 40, 40)).toBe('C1 — Juridiction : 40 points perdus sur 40');
  });

  it('follows a choice made in the options, else the browser', () => {
    expect(pickLang('fr', 'en-US')).toBe('fr');
    expect(pickLang(null, 'fr-FR')).toBe('fr');
    expect(pickLang(undefined, 'de-DE')).toBe('en');
  });
});
