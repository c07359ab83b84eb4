import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Period } from '@arbor/shared/commissions/records';
import { periodCloseDefinition } from '../../../functions/src/commissions/close/machine.js';
import * as closeTasks from '../../../functions/src/commissions/close/tasks.js';
import { startClose } from '../../../functions/src/commissions/close/start.js';
import { recoverInterruptedCloses } from '../../../functions/src/commissions/close/recover.js';
import { releaseEnded } from '../../../functions/src/commissions/close/ended.js';
import { getPeriod, periodFor } from '../../../functions/src/commissions/periods.js';
import { db } from '../../../functions/src/lib/aws.js';
import { env } from '../../../functions/src/lib/env.js';
import { partnerUnder, putCompanySettings } from '../../../functions/test/support/members.js';
import { standIns } from '../../../functions/test/support/stand-ins.js';
import { runClose } from '../../src/local/close-run.js';
import { substitute } from '../../src/local/machines.js';

/**
 * The close survives being killed midway: the very ASL, with the real tasks,
 * where a test can make a task throw or hang (a gate it opens later).
 */
type TaskName = 'Lock' | 'Snapshot' | 'Compute' | 'WriteChunk' | 'Publish' | 'Fail';
const real: Record<TaskName, (input: never) => Promise<unknown>> = {
  Lock: closeTasks.lock as never,
  Snapshot: closeTasks.snapshot as never,
  Compute: closeTasks.compute as never,
  WriteChunk: closeTasks.writeChunk as never,
  Publish: closeTasks.publish as never,
  Fail: closeTasks.fail as never,
};
let faults: Partial<Record<TaskName, () => Promise<void>>> = {};
/** Whether the EventBridge rule on the machine's status changes is "deployed" (off: a kill where nothing runs). */
let releaseOnEnd = false;

/** A task that waits at a gate: `entered` resolves when a run reaches it, `open()` lets it through. */
function gate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (entered = resolve));
  return {
    open,
    reached,
    task: async () => {
      entered();
      await opened;
    },
  };
}

const execution = (arn: string) => standIns().stepFunctions.get(arn);
const period = async (id: string) => (await getPeriod(id))!;

beforeAll(async () => {
  await putCompanySettings();
  const root = await partnerUnder(null);
  await partnerUnder(root);
  await partnerUnder(root);
  const definition = substitute(periodCloseDefinition, (state) => `arn:aws:lambda:::function:period-close-${state}`);
  const tasks = Object.fromEntries(
    Object.entries(real).map(([name, task]) => [
      name,
      async (input: never) => {
        await faults[name as TaskName]?.();
        return task(input);
      },
    ]),
  );
  // Replaces the wiring's period-close (same name, same ARN) with the faulty one.
  standIns().stepFunctions.register({ name: 'period-close', definition, tasks: tasks as never });
  standIns().stepFunctions.onExecutionEnded((ended) => (releaseOnEnd ? releaseEnded(ended) : undefined));
});

beforeEach(() => {
  faults = {};
  releaseOnEnd = false;
});

describe('a close that fails or dies midway', () => {
  it('the Catch path releases the lock and says why; the next calculate succeeds', async () => {
    faults.WriteChunk = async () => {
      throw new Error('the disk is on fire');
    };
    const started = await startClose('2026-05', 'calculate');
    await execution(started.executionArn).done;
    expect(execution(started.executionArn).status).toBe('FAILED');
    const failed = await period('2026-05');
    expect(failed).toMatchObject({ state: 'open', leaseUntil: null, executionArn: started.executionArn });
    expect(failed.progress).toMatchObject({ step: 'failed' });
    expect(failed.progress?.error).toContain('the disk is on fire');

    faults = {};
    const again = await startClose('2026-05', 'calculate');
    await execution(again.executionArn).done;
    expect(await period('2026-05')).toMatchObject({ state: 'calculated', runId: again.runId, leaseUntil: null });
  });

  it('a run killed while writing (its execution gone, no Catch ran) leaves a lock a later calculate takes over', async () => {
    const writing = gate();
    faults.WriteChunk = writing.task;
    const first = await startClose('2026-06', 'calculate');
    await writing.reached;
    const locked = await period('2026-06');
    // The lock names its owner and a lease.
    expect(locked).toMatchObject({ state: 'calculating', runId: first.runId, executionArn: first.executionArn });
    expect(Date.parse(locked.leaseUntil!)).toBeGreaterThan(Date.now());
    // While the owner runs, nobody else may calculate.
    await expect(startClose('2026-06', 'calculate')).rejects.toMatchObject({ status: 409, code: 'period_calculating' });

    // Killed: the execution stops where it is; no Catch runs, the period stays locked.
    execution(first.executionArn).abort();
    await execution(first.executionArn).done;
    expect(execution(first.executionArn).status).toBe('ABORTED');
    expect((await period('2026-06')).state).toBe('calculating');

    faults = {};
    const second = await startClose('2026-06', 'calculate');
    await execution(second.executionArn).done;
    expect(execution(second.executionArn).status).toBe('SUCCEEDED');
    const calculated = await period('2026-06');
    expect(calculated).toMatchObject({ state: 'calculated', runId: second.runId });

    // The dead run's last task, let through late, cannot write over the new run's results.
    writing.open();
    await expect(
      closeTasks.writeChunk({ periodId: '2026-06', runId: first.runId, action: 'calculate', chunk: 'x' }),
    ).rejects.toMatchObject({ code: 'lock_lost' });
    expect(await period('2026-06')).toMatchObject({ state: 'calculated', runId: second.runId });
  });

  it('a lock whose execution Step Functions does not know (the stack was restarted) is taken over', async () => {
    await lockAsIfRunning('2026-07', { leaseUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const started = await startClose('2026-07', 'calculate');
    await execution(started.executionArn).done;
    expect(await period('2026-07')).toMatchObject({ state: 'calculated', runId: started.runId });
  });

  it('a lock whose lease expired is taken over even if its execution still looks alive', async () => {
    const hanging = gate();
    faults.Compute = hanging.task;
    const first = await startClose('2026-04', 'calculate');
    await hanging.reached;
    await setLease('2026-04', new Date(Date.now() - 1000).toISOString());
    faults = {};
    const second = await startClose('2026-04', 'calculate');
    await execution(second.executionArn).done;
    expect(await period('2026-04')).toMatchObject({ state: 'calculated', runId: second.runId });
    execution(first.executionArn).abort();
    hanging.open();
    await execution(first.executionArn).done;
    expect(await period('2026-04')).toMatchObject({ state: 'calculated', runId: second.runId });
  });

  it('a run stopped or timed out (no Catch) is released by the status-change rule at once', async () => {
    releaseOnEnd = true;
    const hanging = gate();
    faults.Snapshot = hanging.task;
    const started = await startClose('2026-03', 'calculate');
    await hanging.reached;
    expect((await period('2026-03')).state).toBe('calculating');
    execution(started.executionArn).abort();
    await execution(started.executionArn).done;
    const released = await period('2026-03');
    expect(released).toMatchObject({ state: 'open', leaseUntil: null, progress: { step: 'failed' } });
    expect(released.progress?.error).toMatch(/aborted/);
    hanging.open();
    // A run that succeeded, or a finished FAILED one already released by its Catch, is left alone.
    expect(
      await releaseEnded({ executionArn: 'x', status: 'SUCCEEDED', input: JSON.stringify({ periodId: '2026-03' }) }),
    ).toBe(false);
  });

  it('on start, the local runtime releases interrupted calculations and resumes interrupted finalizes', async () => {
    await lockAsIfRunning('2025-11', {});
    const calculated = await startClose('2026-02', 'calculate');
    await execution(calculated.executionArn).done;
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.period('2026-02'),
        UpdateExpression: 'SET #state = :finalizing, executionArn = :gone',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':finalizing': 'finalizing', ':gone': `${calculated.executionArn}-gone` },
      }),
    );

    const lines = await recoverInterruptedCloses((arn) => standIns().stepFunctions.isRunning(arn));
    expect(lines).toHaveLength(2);
    const released = await period('2025-11');
    expect(released).toMatchObject({ state: 'open', leaseUntil: null, progress: { step: 'failed' } });
    expect(released.progress?.error).toMatch(/interrupted/i);
    await waitUntil(async () => (await period('2026-02')).state === 'finalized');
    // Calculating again works at once.
    const again = await startClose('2025-11', 'calculate');
    await execution(again.executionArn).done;
    expect((await period('2025-11')).state).toBe('calculated');
  });
});

describe('npm run close', () => {
  it('on a calculated period starts a new run, waits for that run, then finalizes that run', async () => {
    const first = await startClose('2026-01', 'calculate');
    await execution(first.executionArn).done;
    const before = await period('2026-01');
    expect(before.state).toBe('calculated');

    const publishing = gate();
    faults.Publish = publishing.task;
    let returned = false;
    const lines: string[] = [];
    const running = runClose('2026-01', { finalize: true, log: (line) => lines.push(line), pollMs: 20 }).finally(
      () => (returned = true),
    );
    await publishing.reached;
    // The new run is not published yet: the CLI must still be waiting for it, not print the old totals.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(returned).toBe(false);
    faults = {};
    publishing.open();
    const result = await running;
    expect(result.runId).not.toBe(first.runId);
    expect(result.calculated).toMatchObject({ state: 'calculated', runId: result.runId });
    expect(result.finalized).toMatchObject({ state: 'finalized', runId: result.runId });
    expect(lines.some((line) => line.includes(`run ${result.runId}`))).toBe(true);
  });

  it('reports the failure of its own run, not an earlier one', async () => {
    faults.Compute = async () => {
      throw new Error('compute broke');
    };
    await expect(runClose('2025-12', { pollMs: 20 })).rejects.toThrow(/FAILED.*compute broke/);
    faults = {};
    // An earlier failure on the period does not fail the next run.
    const { calculated } = await runClose('2025-12', { pollMs: 20 });
    expect(calculated.state).toBe('calculated');
  });
});

/** A period locked by an execution this runtime never ran (as after a restart). */
async function lockAsIfRunning(id: string, extra: Partial<Period>) {
  await periodFor(id);
  const fields: Partial<Period> = {
    state: 'calculating',
    runId: `dead-${id}`,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:period-close:dead-${id}`,
    ...extra,
  };
  const names = Object.keys(fields);
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.period(id),
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name as keyof Period]])),
    }),
  );
}

async function setLease(id: string, leaseUntil: string) {
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.period(id),
      UpdateExpression: 'SET leaseUntil = :lease',
      ExpressionAttributeValues: { ':lease': leaseUntil },
    }),
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
