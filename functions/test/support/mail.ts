import { inject } from 'vitest';
import { sentEmails, type StoredEmail } from '../../../infra/src/local/ses-local.js';

/** Mail the SES stand-in received for one address (addresses are unique per test). */
export async function mailTo(address: string): Promise<StoredEmail[]> {
  return (await sentEmails(inject('sesPort'))).filter((email) => email.destination.to.includes(address));
}
