/**
 * The period close in Amazon States Language, as data. The CDK stack deploys
 * exactly this (function ARNs substituted for the `${...Function}` names) and
 * the local runtime runs exactly this with aws-local-stepfunctions, each Task
 * state mapped to the same handler. Calculate: lock, snapshot, compute, write
 * the results chunk by chunk (a Map), publish. Finalize: lock, apply the
 * results chunk by chunk, publish. Any failure unlocks the period and says why.
 *
 * The lock has an owner and a lease: Lock records this execution
 * (`$$.Execution.Id`) and a lease past the machine's own timeout. A run that
 * dies where no Catch can act (timed out, aborted, the local stack killed)
 * leaves a lock that a later calculate takes over once its lease has expired
 * or its execution is no longer RUNNING (see lease.ts).
 */

/** The whole close must end within this (Step Functions stops it then; no Catch runs). */
export const CLOSE_TIMEOUT_SECONDS = 2 * 60 * 60;
const retry = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'States.Timeout',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 3,
    BackoffRate: 2,
  },
];
const toFail = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Fail' }];

export const periodCloseDefinition = {
  Comment: 'Arbor period close: calculate (re-runnable preview) or finalize',
  TimeoutSeconds: CLOSE_TIMEOUT_SECONDS,
  StartAt: 'Lock',
  States: {
    Lock: {
      Type: 'Task',
      Resource: '${LockFunction}',
      // The lock's owner is this execution: the task gets the state and the execution's ARN.
      Parameters: { 'state.$': '$', 'executionArn.$': '$$.Execution.Id' },
      Retry: retry,
      Catch: toFail,
      Next: 'Action',
    },
    Action: {
      Type: 'Choice',
      Choices: [{ Variable: '$.action', StringEquals: 'finalize', Next: 'WriteChunks' }],
      Default: 'Snapshot',
    },
    Snapshot: { Type: 'Task', Resource: '${SnapshotFunction}', Retry: retry, Catch: toFail, Next: 'Compute' },
    Compute: { Type: 'Task', Resource: '${ComputeFunction}', Retry: retry, Catch: toFail, Next: 'WriteChunks' },
    WriteChunks: {
      Type: 'Map',
      ItemsPath: '$.chunks',
      ItemSelector: {
        'periodId.$': '$.periodId',
        'runId.$': '$.runId',
        'action.$': '$.action',
        'chunk.$': '$$.Map.Item.Value',
      },
      MaxConcurrency: 4,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'WriteChunk',
        States: { WriteChunk: { Type: 'Task', Resource: '${WriteChunkFunction}', Retry: retry, End: true } },
      },
      ResultPath: null,
      Catch: toFail,
      Next: 'Publish',
    },
    Publish: { Type: 'Task', Resource: '${PublishFunction}', Retry: retry, Catch: toFail, End: true },
    Fail: { Type: 'Task', Resource: '${FailFunction}', Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'CloseFailed', Cause: 'The close failed; the period shows why.' },
  },
};
