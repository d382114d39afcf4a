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
});
