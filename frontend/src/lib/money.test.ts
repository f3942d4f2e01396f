import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount } from './money';

describe('formatMoney', () => {
  it('shows CLP without decimals (no minor unit) and USD from cents', () => {
    expect(minorDigits('CLP')).toBe(0);
    expect(formatMoney(12500, 'CLP', 'es-CL')).toBe('$12.500');
    expect(formatMoney(1250, 'USD', 'en-US')).toBe('$12.50');
  });
});

describe('parseAmount', () => {
  it.each([
    ['', /Enter an amount/],
    ['   ', /Enter an amount/],
    ['0', /more than zero/],
    ['000', /more than zero/],
    ['-500', /more than zero/],
    ['12.5', /whole number of CLP/],
    ['10.000', /whole number of CLP/],
    ['1,000', /whole number of CLP/],
    ['abc', /whole number of CLP/],
    ['1e5', /whole number of CLP/],
    ['99999999999999999', /too large/],
  ])('refuses %j for CLP', (input, reason) => {
    const parsed = parseAmount(input, 'CLP');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('accepts whole CLP and trims spaces', () => {
    expect(parseAmount(' 15000 ', 'CLP')).toEqual({ ok: true, minor: 15000 });
  });

  it('turns dollars into cents, with at most two decimals', () => {
    expect(parseAmount('12.5', 'USD')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('3', 'USD')).toEqual({ ok: true, minor: 300 });
    expect(parseAmount('0.01', 'USD')).toEqual({ ok: true, minor: 1 });
    expect(parseAmount('1.234', 'USD').ok).toBe(false);
  });

  it('refuses more than the given maximum', () => {
    const parsed = parseAmount('10000001', 'CLP', 10_000_000);
    expect(parsed.ok).toBe(false);
  });
});
