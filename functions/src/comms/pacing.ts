/**
 * The SES sending rate, shared by the email workers. The email consumer runs
 * at most EMAIL_WORKERS batches at a time (its event source's maximum
 * concurrency, functions/src/wiring.ts), so each worker keeping to
 * rate / EMAIL_WORKERS mails a second keeps all of them within the rate the
 * company set (Admin → Email settings), with no shared counter to contend on.
 */
export const EMAIL_WORKERS = 2;
/** Messages per email-consumer batch (wiring.ts). */
export const EMAIL_BATCH = 10;
/** Seconds one batch of chunks may spend sending, well inside the email consumer's timeout (120 s). */
const BATCH_SENDING_SECONDS = 80;

/**
 * Recipients per chunk: as many as one worker sends at its share of the rate
 * in its share of a batch's time, 50 at most (14 a second: 50; 2 a second: 8).
 */
export function chunkSize(ratePerSecond: number): number {
  const perWorker = ratePerSecond / EMAIL_WORKERS;
  return Math.max(1, Math.min(50, Math.floor((perWorker * BATCH_SENDING_SECONDS) / EMAIL_BATCH)));
}

let nextSendAt = 0;

/** Waits for this worker's next slot at its share of the rate. */
export async function pace(ratePerSecond: number): Promise<void> {
  const interval = (1000 * EMAIL_WORKERS) / ratePerSecond;
  const wait = nextSendAt - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  nextSendAt = Math.max(Date.now(), nextSendAt) + interval;
}
