import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { describeWorkers, WorkerLight, WorkerLightView } from './WorkerLight';
import { fakeApi, json, renderApp } from '../test/render';

describe('worker light', () => {
  it('is green with the worker count when the pool is available', () => {
    render(<WorkerLightView view={describeWorkers({ available: true, workers: 3, expectedWaitSeconds: 0.4 }, false)} />);
    const light = screen.getByRole('status');
    expect(light).toHaveAttribute('data-state', 'up');
    expect(light).toHaveClass('light-up');
    expect(light).toHaveTextContent('Workers online: 3');
    expect(light).toHaveTextContent('3 workers are proving payments. Expected proof time about 1 s.');
  });

  it('is red, in words, when available is false even if a count is reported', () => {
    render(<WorkerLightView view={describeWorkers({ available: false, workers: 0, reason: 'no worker is running' }, false)} />);
    const light = screen.getByRole('status');
    expect(light).toHaveAttribute('data-state', 'down');
    expect(light).toHaveClass('light-down');
    expect(light).toHaveTextContent('Workers offline');
    expect(light).toHaveTextContent('no worker is running');
  });

  it('is red and says unknown when the status cannot be read', () => {
    const view = describeWorkers({ available: true, workers: 2 }, true);
    expect(view.state).toBe('unknown');
    expect(view.text).toMatch(/unknown/);
  });

  it('says one worker, not one workers', () => {
    expect(describeWorkers({ available: true, workers: 1 }, false).detail).toMatch(/^1 worker is/);
  });

  it('reads GET /api/workers/status', async () => {
    fakeApi({ 'GET /api/workers/status': () => json(200, { available: true, workers: 2, queuedTasks: 0 }) }, null);
    renderApp(<WorkerLight />, { session: null });
    expect(await screen.findByText('Workers online: 2')).toBeInTheDocument();
  });

  it('turns red when the API answers unavailable', async () => {
    fakeApi({ 'GET /api/workers/status': () => json(200, { available: false, workers: 0 }) }, null);
    renderApp(<WorkerLight />, { session: null });
    expect(await screen.findByText('Workers offline')).toBeInTheDocument();
  });
});
