import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocale } from './config';
import { en } from './messages/en';
import { zh } from './messages/zh';
import { createTranslator } from './catalogs';
import { interpolate } from './translate';

describe('i18n', () => {
  it('has a Chinese message for every English key, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key], key).toBeTruthy();
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it('interpolates and leaves unknown placeholders visible', () => {
    expect(interpolate('Buy for {price} USDT', { price: '11.90' })).toBe('Buy for 11.90 USDT');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('translates per locale', () => {
    expect(createTranslator('zh')('nav.market')).toBe('市场');
    expect(createTranslator('en')('nft.sale.buy', { price: '1.55' })).toBe('Buy for 1.55 USDT');
  });
  it('picks the locale from the cookie, then Accept-Language, then English', () => {
    expect(resolveLocale('zh', 'en-US')).toBe('zh');
    expect(resolveLocale(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(resolveLocale('fr', 'fr-FR,en;q=0.5')).toBe('en');
    expect(resolveLocale(undefined, 'de-DE')).toBe('en');
    expect(resolveLocale(undefined, null)).toBe('en');
  });
  it('has no words hard-coded in an accessible name or hint (they would reach Chinese readers in English)', () => {
    // aria-label, title, placeholder and alt in a component or page must come from the catalogs. A literal is allowed
    // only when it holds no word: a format example such as a Filecoin address's "f1…".
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return sources(file);
        return e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [file] : [];
      });
    const literal = /\b(aria-label|title|placeholder|alt)="([^"]*)"/g;
    const found: string[] = [];
    for (const file of [...sources('components'), ...sources('app')]) {
      for (const [, attribute, value] of readFileSync(file, 'utf8').matchAll(literal)) {
        if (/[A-Za-z]{2,}|[\u4e00-\u9fff]/.test(value!)) found.push(`${file}: ${attribute}="${value}"`);
      }
    }
    expect(found).toEqual([]);
  });
});
