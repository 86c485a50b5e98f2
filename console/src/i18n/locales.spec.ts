import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES = join(__dirname, 'locales');

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function namespaces(language: string): Map<string, string[]> {
  const files = readdirSync(join(LOCALES, language)).filter((file) => file.endsWith('.json'));
  return new Map(
    files.map((file) => [
      file.replace(/\.json$/, ''),
      keysOf(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8'))),
    ]),
  );
}

describe('translations', () => {
  const zh = namespaces('zh-CN');
  const en = namespaces('en');

  it('has the same namespaces in zh-CN and en', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it.each([...new Set([...zh.keys(), ...en.keys()])])('has every key of %s in both languages', (namespace) => {
    const zhKeys = zh.get(namespace) ?? [];
    const enKeys = en.get(namespace) ?? [];
    expect({ missingInEn: zhKeys.filter((key) => !enKeys.includes(key)) }).toEqual({ missingInEn: [] });
    expect({ missingInZh: enKeys.filter((key) => !zhKeys.includes(key)) }).toEqual({ missingInZh: [] });
  });

  it('has no empty text', () => {
    for (const language of ['zh-CN', 'en']) {
      for (const file of readdirSync(join(LOCALES, language))) {
        const texts = JSON.stringify(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')));
        expect({ file: `${language}/${file}`, empty: texts.includes('""') }).toEqual({
          file: `${language}/${file}`,
          empty: false,
        });
      }
    }
  });
});
