import type { EventBridgeEvent } from 'aws-lambda';
import { releaseLock, type CloseState } from './tasks.js';

/** The detail of Step Functions' "Execution Status Change" event (EventBridge), as far as it matters here. */
export interface ExecutionStatusChange {
  executionArn: string;
  stateMachineArn?: string;
  status: string;
  /** The execution's input, as JSON (null when Step Functions leaves it out). */
  input?: string | null;
}

/**
 * A close execution ended without success where its Catch could not act
 * (TIMED_OUT, ABORTED; a FAILED one was already released by its Catch, and
 * releasing again changes nothing): its lock is released at once, so the
 * period shows open (a calculation) or resumable (a finalize) instead of
 * "calculating" until someone calculates it again. Returns whether it did.
 */
export async function releaseEnded(detail: ExecutionStatusChange): Promise<boolean> {
  if (detail.status === 'RUNNING' || detail.status === 'SUCCEEDED' || detail.status === 'PENDING_REDRIVE') return false;
  let input: Partial<CloseState>;
  try {
    input = JSON.parse(detail.input ?? '{}') as Partial<CloseState>;
  } catch {
    return false;
  }
  if (!input.periodId || !input.runId || (input.action !== 'calculate' && input.action !== 'finalize')) return false;
  const how = detail.status.toLowerCase().replace('_', ' ');
  await releaseLock(
    { periodId: input.periodId, runId: input.runId, action: input.action },
    input.action === 'calculate'
      ? `The close ${how} before it finished. Calculate the period again.`
      : `The finalize ${how} before it finished. Finalize again to finish it.`,
  );
  return true;
}

/**
 * EventBridge target for the close machine's status changes (rule: source
 * `aws.states`, detail-type `Step Functions Execution Status Change`, status
 * TIMED_OUT / ABORTED / FAILED, this state machine's ARN).
 */
export const handler = async (event: EventBridgeEvent<string, ExecutionStatusChange>) => {
  await releaseEnded(event.detail);
};
