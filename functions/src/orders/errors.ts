import { AppError } from '@arbor/shared/errors';
import type { DeclineCode } from '../payments/gateway.js';

/** The processor said no: 402, with its reason, and nothing written. */
export class PaymentDeclinedError extends AppError {
  constructor(
    readonly declineCode: DeclineCode,
    message: string,
  ) {
    super(402, declineCode, message, [
      { field: 'body.payment', rule: declineCode, message: `body.payment: ${message}` },
    ]);
  }
}
