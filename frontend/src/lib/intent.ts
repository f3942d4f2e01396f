import { useRef } from 'react';

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One `Idempotency-Key` per intended action. The same request (same fingerprint) keeps its key
 * across double clicks and retries after a failure, so the server applies it once; a different
 * request, or the next one after a success, gets a new key.
 */
export class IntentKey {
  private current: { fingerprint: string; key: string } | null = null;

  constructor(private readonly generate: () => string = newIdempotencyKey) {}

  keyFor(fingerprint: string): string {
    if (!this.current || this.current.fingerprint !== fingerprint) {
      this.current = { fingerprint, key: this.generate() };
    }
    return this.current.key;
  }

  /** The action went through (or its key can no longer be used): the next one is new. */
  complete(): void {
    this.current = null;
  }
}

export function useIntentKey(): IntentKey {
  const ref = useRef<IntentKey | null>(null);
  if (ref.current === null) ref.current = new IntentKey();
  return ref.current;
}
