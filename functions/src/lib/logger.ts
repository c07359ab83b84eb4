import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One JSON logger for every handler; the middy chain adds the Lambda context and correlation id.
 * Its `service` is the function's area where the stack sets POWERTOOLS_SERVICE_NAME per function.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'arbor' });
