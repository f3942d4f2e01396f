import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { describeError } from './errors';

const err = (status: number, code: string, message = 'server text') => new ApiError(status, code, message);

describe('describeError', () => {
  it.each([
    [409, 'insufficient_funds', 'buy', /Insufficient funds/],
    [409, 'sold_out', 'buy', /Sold out/],
    [409, 'email_taken', 'register', /already exists/],
    [401, 'unauthorized', 'login', /Wrong e-mail or password/],
    [401, 'unauthorized', 'topUp', /session has ended/],
    [403, 'forbidden', 'createEvent', /admin account/],
    [404, 'not_found', 'load', /not found/i],
    [409, 'invalid_state', 'ticket', /not ready yet/],
    [413, 'payload_too_large', 'verify', /too much text/],
    [422, 'idempotency_key_reused', 'buy', /clashed with an earlier one/],
    [400, 'idempotency_key_required', 'topUp', /safety key/],
    [422, 'wrong_solution', 'load', /proof was not accepted/],
    [429, 'rate_limited', 'login', /Too many attempts/],
  ] as const)('%i %s while %s says it in words', (status, code, context, words) => {
    expect(describeError(err(status, code), context)).toMatch(words);
  });

  it('calls a refused top-up amount a bad amount and keeps the server’s reason', () => {
    const text = describeError(err(400, 'invalid_request', 'amount must be between 1 and 10000000'), 'topUp');
    expect(text).toMatch(/^Bad amount/);
    expect(text).toContain('amount must be between 1 and 10000000');
  });

  it('says when the server cannot be reached, and when it failed', () => {
    expect(describeError(err(0, 'network_error'), 'buy')).toMatch(/Could not reach the server/);
    expect(describeError(err(503, 'unavailable'), 'load')).toMatch(/server had a problem \(503\)/);
  });

  it('never shows a bare code for something unexpected', () => {
    expect(describeError(new TypeError('x is undefined'), 'load')).toMatch(/went wrong/);
    expect(describeError(err(418, 'teapot', 'short and stout'), 'load')).toBe('The request failed (418) (short and stout).');
  });
});
