/**
 * The environment every function receives. The CDK stack fills it with the
 * deployed resources; the local runtime fills it with the stand-ins. The
 * names here are the ones functions/src/lib/env.ts reads.
 */
export interface FunctionEnvInput {
  tableName: string;
  appUrl: string;
  mailFrom: string;
  uploadsBucket: string;
  periodsBucket: string;
  kmsKeyId: string;
  /**
   * The function's area (`orders`, `email`, `commissions`, …): the `service` of its logs and of
   * its metrics' dimension. The local runtime runs every area in one process: `arbor`.
   */
  service?: string;
}

export function functionEnv(input: FunctionEnvInput): Record<string, string> {
  return {
    TABLE_NAME: input.tableName,
    APP_URL: input.appUrl,
    MAIL_FROM: input.mailFrom,
    UPLOADS_BUCKET: input.uploadsBucket,
    PERIODS_BUCKET: input.periodsBucket,
    KMS_KEY_ID: input.kmsKeyId,
    POWERTOOLS_SERVICE_NAME: input.service ?? 'arbor',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Endpoints of the local stand-ins, in the AWS SDK's own per-service variables. */
export function localEndpointEnv(endpoints: {
  dynamodb: string;
  s3: string;
  ses: string;
  aws: string;
}): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    // s3rver only knows these credentials; the other stand-ins accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SQS: endpoints.aws,
    AWS_ENDPOINT_URL_SFN: endpoints.aws,
    AWS_ENDPOINT_URL_KMS: endpoints.aws,
    // On this machine a response that does not match its route's schema is a 500 with the reason (lib/http.ts).
    ARBOR_STRICT_RESPONSES: 'true',
    // Business metrics (functions/src/lib/metrics.ts) are for CloudWatch: none printed here.
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Webhook endpoints may be http://localhost or 127.0.0.1 here, for a receiver on this machine (never in AWS).
    ARBOR_WEBHOOKS_ALLOW_LOOPBACK: 'true',
  };
}
