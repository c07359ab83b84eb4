import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Period } from '@arbor/shared/commissions/records';
import { CLOSE_TIMEOUT_SECONDS } from './machine.js';

/** A lock's lease outlives its execution's timeout by a margin: past it, the execution is certainly over. */
export const LEASE_MS = (CLOSE_TIMEOUT_SECONDS + 15 * 60) * 1000;

export const leaseFrom = (now = new Date()) => new Date(now.getTime() + LEASE_MS).toISOString();

/** A lease that has run out, or a lock taken before leases existed (it has none). */
export const leaseExpired = (period: Pick<Period, 'leaseUntil'>, now = new Date()) =>
  !period.leaseUntil || Date.parse(period.leaseUntil) <= now.getTime();

let sfn: SFNClient | undefined;

/** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED…, or 'MISSING' when Step Functions does not know it. */
export async function executionStatus(executionArn: string): Promise<string> {
  sfn ??= new SFNClient({});
  try {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status ?? 'MISSING';
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionDoesNotExist') return 'MISSING';
    throw error;
  }
}

/**
 * Whether the run holding a period's lock is gone for good, so a new run may
 * take the lock over: its lease expired, or its execution is not RUNNING
 * (failed or timed out where no Catch could release it, aborted, or unknown
 * because the local stack that ran it was stopped).
 */
export async function lockAbandoned(
  period: Pick<Period, 'leaseUntil' | 'executionArn'>,
  now = new Date(),
  status: (executionArn: string) => Promise<string> = executionStatus,
): Promise<boolean> {
  if (leaseExpired(period, now)) return true;
  if (!period.executionArn) return true;
  return (await status(period.executionArn)) !== 'RUNNING';
}
