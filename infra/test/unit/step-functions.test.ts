import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { AwsStandIns } from '../../src/local/aws-standins.js';
import { freePort } from '../../src/local/processes.js';
import { LocalStepFunctions } from '../../src/local/step-functions.js';

const definition = {
  StartAt: 'Split',
  States: {
    Split: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.parts', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemsPath: '$.parts',
      ItemProcessor: {
        StartAt: 'Double',
        States: { Double: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      },
      ResultPath: '$.doubled',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

describe('local Step Functions through the SDK', () => {
  const standIns = new AwsStandIns();
  const stepFunctions = new LocalStepFunctions();
  let client: SFNClient;
  let arn: string;

  beforeAll(async () => {
    arn = stepFunctions.register({
      name: 'demo',
      definition,
      tasks: {
        Split: (input) =>
          (input as { n: number }).n === 0 ? Promise.reject(new Error('nothing to split')) : [1, 2, 3],
        Double: (input) => (input as number) * 2,
      },
    });
    const port = await freePort();
    standIns.register('AWSStepFunctions', stepFunctions.service());
    await standIns.listen(port);
    client = new SFNClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(() => standIns.close());

  async function finish(executionArn: string) {
    for (;;) {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('runs Task and Map states with the local handlers and reports the output', async () => {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'run-1', input: '{"n":3}' }),
    );
    const done = await finish(started.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ n: 3, parts: [1, 2, 3], doubled: [2, 4, 6] });
  });

  it('is idempotent by execution name and reports failures', async () => {
    const a = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'same', input: '{"n":1}' }));
    const b = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'same', input: '{"n":1}' }));
    expect(b.executionArn).toBe(a.executionArn);
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'same', input: '{"n":2}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    const failing = await client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"n":0}' }));
    const done = await finish(failing.executionArn!);
    expect(done.status).toBe('FAILED');
  });

  it('gives tasks the context object ($$.Execution.Id) and times out like Step Functions', async () => {
    let release!: () => void;
    const hanging = new Promise<string>((resolve) => (release = () => resolve('late')));
    const owner = stepFunctions.register({
      name: 'owner',
      definition: {
        TimeoutSeconds: 1,
        StartAt: 'Who',
        States: {
          Who: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { 'input.$': '$', 'executionArn.$': '$$.Execution.Id' },
            Next: 'Wait',
          },
          Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
        },
      },
      tasks: {
        Who: (input) => input,
        Wait: (input) => ((input as { input: { hang?: boolean } }).input.hang ? hanging : input),
      },
    });
    const quick = await client.send(new StartExecutionCommand({ stateMachineArn: owner, input: '{}' }));
    const done = await finish(quick.executionArn!);
    expect(JSON.parse(done.output!)).toEqual({ input: {}, executionArn: quick.executionArn });

    const slow = await client.send(new StartExecutionCommand({ stateMachineArn: owner, input: '{"hang":true}' }));
    expect((await finish(slow.executionArn!)).status).toBe('TIMED_OUT');
    release();
  });
});
