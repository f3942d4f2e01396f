import { describe, expect, it } from 'vitest';
import { IntentKey } from './intent';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('IntentKey', () => {
  it('keeps one key for the same intended request, across clicks and retries', () => {
    const intent = new IntentKey(counter());
    expect(intent.keyFor('event-1:2')).toBe('key-1');
    expect(intent.keyFor('event-1:2')).toBe('key-1');
    expect(intent.keyFor('event-1:2')).toBe('key-1');
  });

  it('makes a new key when the request changes, so the server never sees one key for two requests', () => {
    const intent = new IntentKey(counter());
    expect(intent.keyFor('event-1:2')).toBe('key-1');
    expect(intent.keyFor('event-1:3')).toBe('key-2');
  });

  it('makes a new key after the action went through, so buying again is a new purchase', () => {
    const intent = new IntentKey(counter());
    expect(intent.keyFor('5000')).toBe('key-1');
    intent.complete();
    expect(intent.keyFor('5000')).toBe('key-2');
  });

  it('generates distinct random keys by default', () => {
    const a = new IntentKey().keyFor('x');
    const b = new IntentKey().keyFor('x');
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });
});
