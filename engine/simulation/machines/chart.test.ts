// The drawn charts come from the machine definitions the engine runs: a changed definition
// changes the chart with nothing else touched; labels speak the design's terms.
import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { defineMachine, type ChartConfig } from './compile.js';
import { breakerChart, breakerImpl } from './breaker.js';
import { sagaChart, sagaImpl } from './saga.js';
import { breakerChartOf, durationLabel, limiterChartOf, machineChart, sagaStateChart, scalerChartOf, type StateChart } from './chart.js';

const cfg = { failureRate: 0.5, window: 20, minCalls: 20, openFor: 30_000, halfOpenCalls: 3, slowRate: 1 };
const edge = (c: StateChart, from: string, to: string) => c.edges.filter((e) => e.source.endsWith(from) && e.target.endsWith(to));
const labelOf = (c: StateChart, from: string, to: string) => edge(c, from, to).map((e) => e.label.join(' '));

describe('breaker chart', () => {
  it('has the three states and the transitions in the design’s terms', () => {
    const c = breakerChartOf(cfg);
    expect(c.nodes.map((n) => n.label)).toEqual(['closed', 'open', 'half-open']);
    expect(c.nodes.find((n) => n.initial)?.key).toBe('closed');
    expect(labelOf(c, '.closed', '.open')).toEqual(['call ends [failure rate ≥ 50 % over 20 calls]']);
    expect(labelOf(c, '.open', '.half_open')).toEqual(['call [open for 30 s]']);
    expect(labelOf(c, '.half_open', '.open')).toEqual(['call ends [3rd trial ends, failure rate ≥ 50 %]']);
    expect(labelOf(c, '.half_open', '.closed')).toEqual(['call ends [3rd trial ends]']);
    // Targetless transitions are listed inside their state.
    expect(c.nodes.find((n) => n.key === 'open')!.lines).toEqual(['call [open for less than 30 s] / reject (breakerOpen)']);
    expect(c.nodes.find((n) => n.key === 'half_open')!.lines).toContain('call [fewer than 3 trial calls] / let through as a trial');
  });

  it('says the slow-call threshold and the minimum when they apply', () => {
    const c = breakerChartOf({ ...cfg, minCalls: 10, slowCall: 300, slowRate: 0.8 });
    expect(labelOf(c, '.closed', '.open')[0]).toBe('call ends [failure rate ≥ 50 % or slow (> 300 ms) ≥ 80 % over 20 calls (10 at least)]');
  });

  it('follows a changed definition: a copy with one more state draws it, with nothing else changed', () => {
    const copy: ChartConfig = structuredClone(breakerChart);
    copy.states.closed!.on!.FORCE_OPEN = [{ target: 'forced_open' }];
    copy.states.forced_open = { on: { RESET: [{ target: 'closed' }] } };
    const c = breakerChartOf(cfg, defineMachine(copy, breakerImpl));
    expect(c.nodes.map((n) => n.key)).toEqual(['closed', 'open', 'half_open', 'forced_open']);
    expect(c.nodes.at(-1)!.label).toBe('forced-open');
    expect(labelOf(c, '.closed', '.forced_open')).toEqual(['FORCE_OPEN']);
    expect(labelOf(c, '.forced_open', '.closed')).toEqual(['RESET']);
    expect(c.key).not.toBe(breakerChartOf(cfg).key);
    // And the parameters are part of the key: another breaker, another layout.
    expect(breakerChartOf({ ...cfg, openFor: 20_000 }).key).not.toBe(breakerChartOf(cfg).key);
    expect(breakerChartOf({ ...cfg }).key).toBe(breakerChartOf(cfg).key);
  });
});

describe('any machine definition', () => {
  it('draws nested states, final states, delayed and eventless transitions', () => {
    const m = createMachine({
      id: 'job',
      initial: 'waiting',
      states: {
        waiting: { after: { 30_000: { target: 'working' } }, on: { GO: 'working' } },
        working: {
          initial: 'fetch',
          states: { fetch: { on: { GOT: 'store' } }, store: { always: { target: 'stored', guard: 'small' } }, stored: { type: 'final' } },
          on: { CANCEL: '#job.cancelled' },
        },
        cancelled: { type: 'final' },
      },
    });
    const c = machineChart(m, { guards: { small: 'under 1 MB' } });
    const byId = Object.fromEntries(c.nodes.map((n) => [n.id, n]));
    expect(byId['job.working']!.type).toBe('compound');
    expect(byId['job.working.fetch']!.parent).toBe('job.working');
    expect(byId['job.working.fetch']!.initial).toBe(true);
    expect(byId['job.working.stored']!.type).toBe('final');
    expect(byId['job.cancelled']!.type).toBe('final');
    expect(labelOf(c, 'job.waiting', 'job.working')).toEqual(['GO', 'after 30 s']);
    expect(labelOf(c, 'job.working.store', 'job.working.stored')).toEqual(['always [under 1 MB]']);
    expect(labelOf(c, 'job.working', 'job.cancelled')).toEqual(['CANCEL']);
  });

  it('formats durations for labels', () => {
    expect([250, 1500, 30_000, 300_000, 90_000].map(durationLabel)).toEqual(['250 ms', '1.5 s', '30 s', '5 min', '1 min 30 s']);
  });
});

describe('saga chart', () => {
  const steps = [
    { name: 'reserve', to: 'inventory', compensate: 'release' },
    { name: 'charge', to: 'payment', compensate: 'refund' },
    { name: 'ship', to: 'shipping' },
  ];

  it('unrolls the orchestration over the design’s steps and compensations', () => {
    const c = sagaStateChart(steps);
    const label = (id: string) => c.nodes.find((n) => n.id === id)?.label;
    expect(label('saga.running#0')).toBe('step “reserve” → inventory');
    expect(label('saga.running#1')).toBe('step “charge” → payment');
    expect(label('saga.compensating#1')).toBe('compensate “refund” (charge)');
    expect(c.nodes.find((n) => n.id === 'saga.compensating#1')!.parent).toBe('saga.compensating');
    expect(c.nodes.some((n) => n.id === 'saga.compensating#2')).toBe(false); // ship has no compensation
    const e = (a: string, b: string) => c.edges.filter((x) => x.source === a && x.target === b).map((x) => x.label.join(' '));
    expect(e('saga.idle', 'saga.running#0')).toEqual(['request']);
    expect(e('saga.running#0', 'saga.running#1')).toEqual(['ok']);
    expect(e('saga.running#0', 'saga.compensated')).toEqual(['failed']); // nothing done to undo
    expect(e('saga.running#2', 'saga.compensating#1')).toEqual(['failed']); // ship fails: refund first
    expect(e('saga.compensating#1', 'saga.compensating#0')).toEqual(['ok']);
    expect(e('saga.compensating#0', 'saga.compensated')).toEqual(['ok']);
    expect(e('saga.compensating#1', 'saga.failed')).toEqual(['failed']);
    expect(e('saga.running#2', 'saga.completed')).toEqual(['ok']);
    expect(c.nodes.filter((n) => n.type === 'final').map((n) => n.key)).toEqual(['completed', 'compensated', 'failed']);
  });

  it('follows a changed definition: a saga machine with a timeout state shows it', () => {
    const copy: ChartConfig = structuredClone(sagaChart);
    copy.states.running!.on!.DEADLINE = [{ target: 'timed_out' }];
    copy.states.timed_out = { type: 'final' };
    const m = defineMachine(copy, sagaImpl);
    const c = sagaStateChart(steps, m);
    expect(c.nodes.find((n) => n.key === 'timed_out')?.type).toBe('final');
    expect(c.key).not.toBe(sagaStateChart(steps).key);
  });
});

describe('limiter and autoscaler charts', () => {
  it('label the bucket and the HPA with the design’s numbers', () => {
    const l = limiterChartOf(100);
    expect(labelOf(l, '.available', '.exhausted')).toEqual(['request [no token left]']);
    expect(labelOf(l, '.exhausted', '.available')).toEqual(['request [a token left (100/s, burst 100)]']);
    const s = scalerChartOf({ min: 2, max: 10, cpu: 0.7, startup: 15_000, downDelay: 300_000 });
    expect(labelOf(s, '.steady', '.starting')).toEqual(['every 15 s [utilization over 70 % target: more replicas (max 10)]']);
    expect(labelOf(s, '.starting', '.steady')).toEqual(['a new replica serves [none still starting]']);
    expect(s.nodes.find((n) => n.key === 'steady')!.lines).toEqual(['every 15 s [fewer replicas for 5 min (min 2)] / scale down']);
  });
});
