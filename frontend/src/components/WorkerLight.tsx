import type { WorkerStatus } from '../api/types';
import { useWorkerStatus } from '../api/queries';

export type LightState = 'checking' | 'up' | 'down' | 'unknown';

export interface LightView {
  state: LightState;
  text: string;
  detail: string;
}

/** What the light says: green with the worker count, red when the pool is unavailable, always in words. */
export function describeWorkers(status: WorkerStatus | undefined, failed: boolean): LightView {
  if (failed) {
    return { state: 'unknown', text: 'Workers: status unknown', detail: 'The worker status could not be read.' };
  }
  if (!status) return { state: 'checking', text: 'Checking workers…', detail: '' };
  if (!status.available) {
    return {
      state: 'down',
      text: 'Workers offline',
      detail: `Purchases wait until a worker is back${status.reason ? `: ${status.reason}` : ''}.`,
    };
  }
  const count = status.workers;
  const wait =
    typeof status.expectedWaitSeconds === 'number' ? ` Expected proof time about ${Math.max(1, Math.round(status.expectedWaitSeconds))} s.` : '';
  return {
    state: 'up',
    text: `Workers online: ${count}`,
    detail: `${count} ${count === 1 ? 'worker is' : 'workers are'} proving payments.${wait}`,
  };
}

export function WorkerLightView({ view }: { view: LightView }) {
  return (
    <div className={`light light-${view.state}`} role="status" aria-live="polite" data-state={view.state} title={view.detail}>
      <span className="light-dot" aria-hidden="true" />
      <span className="light-text">{view.text}</span>
      {view.detail && <span className="visually-hidden">{view.detail}</span>}
    </div>
  );
}

export function WorkerLight() {
  const query = useWorkerStatus();
  return <WorkerLightView view={describeWorkers(query.data, query.isError)} />;
}
