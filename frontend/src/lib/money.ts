/** Digits after the decimal point in `currency`'s minor unit (CLP 0, USD 2). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0;
}

/** `minor` is an integer amount in the currency's minor unit, as the API sends it. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * What a person typed, in the currency's major unit, to an integer of its minor unit. Only
 * digits and (for currencies with cents) one decimal point: "10.000" is ambiguous between
 * locales, so it is refused rather than guessed.
 */
export function parseAmount(input: string, currency: string, max?: number): ParsedAmount {
  const text = input.trim();
  const digits = minorDigits(currency);
  if (text === '') return { ok: false, reason: 'Enter an amount.' };
  if (/^-/.test(text)) return { ok: false, reason: 'The amount must be more than zero.' };
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(text)) {
    return {
      ok: false,
      reason:
        digits > 0
          ? `Enter an amount like 12.50, with at most ${digits} decimals and no thousands separators.`
          : `Enter a whole number of ${currency}, digits only (no dots, commas or spaces).`,
    };
  }
  const [whole, fraction = ''] = text.split('.');
  if (whole.replace(/^0+/, '').length > 13) return { ok: false, reason: 'That amount is too large.' };
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) return { ok: false, reason: 'The amount must be more than zero.' };
  if (max !== undefined && minor > max) {
    return { ok: false, reason: `The most you can add at once is ${formatMoney(max, currency)}.` };
  }
  return { ok: true, minor };
}
