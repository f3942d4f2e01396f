import type { ReactNode } from 'react';

/** One term and value of a `<dl className="facts">`. */
export function Fact({ label, children, code = false }: { label: string; children: ReactNode; code?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={code ? 'code' : undefined}>{children}</dd>
    </div>
  );
}
