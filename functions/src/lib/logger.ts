import { Logger } from '@aws-lambda-powertools/logger';

/** One JSON logger for every handler; the middy chain adds the Lambda context and correlation id. */
export const logger = new Logger({ serviceName: 'arbor' });
