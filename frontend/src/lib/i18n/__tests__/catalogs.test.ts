import { describe, expect, it } from 'vitest';
import { en } from '../locales/en';
import { kk } from '../locales/kk';
import { ru } from '../locales/ru';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const catalogs = { en, kk, ru } as const;
const intl = { en: 'en', kk: 'kk', ru: 'ru' } as const;

/** Keys without plural suffixes, and the plural forms each one has. */
function shape(flat: Record<string, string>) {
  const plain = new Set<string>();
  const plural = new Map<string, Set<string>>();
  for (const key of Object.keys(flat)) {
    const m = pluralSuffix.exec(key);
    if (m) {
      const base = key.slice(0, -m[0].length);
      if (!plural.has(base)) plural.set(base, new Set());
      plural.get(base)!.add(m[1]!);
    } else plain.add(key);
  }
  return { plain, plural };
}

const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('i18n catalogs', () => {
  const base = shape(flatten(en as Tree));

  for (const [lang, catalog] of Object.entries(catalogs)) {
    const flat = flatten(catalog as Tree);
    const s = shape(flat);

    it(`${lang} has every plain key and no extra`, () => {
      expect([...s.plain].sort()).toEqual([...base.plain].sort());
    });

    it(`${lang} has every plural key with exactly the forms the language needs`, () => {
      expect([...s.plural.keys()].sort()).toEqual([...base.plural.keys()].sort());
      const needed = new Intl.PluralRules(intl[lang as keyof typeof intl]).resolvedOptions().pluralCategories;
      for (const [key, forms] of s.plural) {
        expect({ key, forms: [...forms].sort() }).toEqual({ key, forms: [...needed].sort() });
      }
    });

    it(`${lang} has no empty strings`, () => {
      for (const [key, value] of Object.entries(flat))
        expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    });

    it(`${lang} uses the same interpolation variables as English`, () => {
      const enFlat = flatten(en as Tree);
      for (const key of s.plain) {
        expect({ key, vars: vars(flat[key]!) }).toEqual({ key, vars: vars(enFlat[key]!) });
      }
      for (const key of s.plural.keys()) {
        const mine = new Set(
          Object.entries(flat)
            .filter(([k]) => k.startsWith(`${key}_`))
            .flatMap(([, v]) => vars(v)),
        );
        const theirs = new Set(
          Object.entries(enFlat)
            .filter(([k]) => k.startsWith(`${key}_`))
            .flatMap(([, v]) => vars(v)),
        );
        // a language may leave out {{count}} in a form where the number is implied
        mine.add('count');
        theirs.add('count');
        expect({ key, vars: [...mine].sort() }).toEqual({ key, vars: [...theirs].sort() });
      }
    });
  }
});
