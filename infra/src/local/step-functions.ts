import { randomUUID } from 'node:crypto';
import { AwsError, type ServiceHandler } from './aws-standins.js';

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
const { StateMachine } = await import('aws-local-stepfunctions');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type TaskHandler = (input: Json) => Promise<Json> | Json;

/**
 * Step Functions, locally: runs the very ASL the CDK stack synthesizes with
 * aws-local-stepfunctions, each Task state mapped to the local handler of the
 * Lambda it invokes. Answers StartExecution / DescribeExecution /
 * ListExecutions / GetExecutionHistory / StopExecution over the JSON protocol,
 * so the admin API starts and watches a close the same way it does in AWS.
 */
export interface LocalStateMachineSpec {
  name: string;
  definition: Record<string, unknown>;
  /** Task state name -> handler. */
  tasks: Record<string, TaskHandler>;
}

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  events: { timestamp: Date; type: string; stateName?: string; index?: number }[];
  abort: () => void;
  done: Promise<void>;
}

const ARN_PREFIX = 'arn:aws:states:us-east-1:000000000000';
export const stateMachineArn = (name: string) => `${ARN_PREFIX}:stateMachine:${name}`;

/** What Step Functions tells EventBridge when an execution ends ("Execution Status Change"). */
export interface ExecutionEnded {
  executionArn: string;
  stateMachineArn: string;
  status: Execution['status'];
  input: string;
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachineSpec>();
  private readonly executions = new Map<string, Execution>();
  private readonly endListeners: ((ended: ExecutionEnded) => unknown)[] = [];

  /** Like an EventBridge rule on the status change: called when any execution ends (its errors are logged). */
  onExecutionEnded(listener: (ended: ExecutionEnded) => unknown): void {
    this.endListeners.push(listener);
  }

  register(spec: LocalStateMachineSpec): string {
    this.machines.set(stateMachineArn(spec.name), spec);
    return stateMachineArn(spec.name);
  }

  start(arn: string, input: string, name: string = randomUUID()): Execution {
    const spec = this.machines.get(arn);
    if (!spec) throw new AwsError('StateMachineDoesNotExist', `State machine does not exist: ${arn}`);
    const executionArn = `${ARN_PREFIX}:execution:${spec.name}:${name}`;
    const existing = this.executions.get(executionArn);
    // Like Step Functions: the same name with the same input is idempotent; with other input it is an error.
    if (existing) {
      if (existing.input === input) return existing;
      throw new AwsError('ExecutionAlreadyExists', `Execution already exists: ${executionArn}`);
    }
    const machine = new StateMachine(spec.definition as never, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
    const run = machine.run(JSON.parse(input) as never, {
      overrides: { taskResourceLocalHandlers: spec.tasks as never },
      // `$$.Execution.Id` and `$$.Execution.Name`, as in AWS (the close's lock records its owner from it).
      context: { Execution: { Id: executionArn, Name: name } } as never,
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn: arn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date(),
      events: [],
      abort: run.abort,
      done: Promise.resolve(),
    };
    const record = (async () => {
      for await (const event of run.eventLogs) {
        const e = event as { type: string; state?: { name: string }; index?: number };
        execution.events.push({
          timestamp: new Date(),
          type: e.type,
          ...(e.state ? { stateName: e.state.name } : {}),
          ...(e.index !== undefined ? { index: e.index } : {}),
        });
      }
    })().catch(() => undefined);
    execution.done = run.result
      .then(
        (output) => {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        },
        (error: Error & { cause?: unknown }) => {
          execution.status =
            error.name === 'ExecutionAbortedError'
              ? 'ABORTED'
              : error.name === 'ExecutionTimeoutError'
                ? 'TIMED_OUT'
                : 'FAILED';
          execution.error = error.name;
          execution.cause = error.message;
        },
      )
      .then(async () => {
        execution.stopDate = new Date();
        await record;
        const ended = { executionArn, stateMachineArn: arn, status: execution.status, input };
        for (const listener of this.endListeners) {
          try {
            await listener(ended);
          } catch (error) {
            console.error(`[step functions] after ${executionArn} ended:`, error);
          }
        }
      });
    this.executions.set(executionArn, execution);
    return execution;
  }

  /** True while this runtime is running the execution (after a restart, no earlier execution is). */
  isRunning(executionArn: string): boolean {
    return this.executions.get(executionArn)?.status === 'RUNNING';
  }

  get(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution does not exist: ${executionArn}`);
    return execution;
  }

  service(): ServiceHandler {
    const describe = (e: Execution) => ({
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      input: e.input,
      startDate: e.startDate.getTime() / 1000,
      ...(e.stopDate ? { stopDate: e.stopDate.getTime() / 1000 } : {}),
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.error ? { error: e.error, cause: e.cause } : {}),
    });
    return (operation, input) => {
      switch (operation) {
        case 'StartExecution': {
          const e = this.start(
            String(input.stateMachineArn),
            String(input.input ?? '{}'),
            input.name as string | undefined,
          );
          return { executionArn: e.executionArn, startDate: e.startDate.getTime() / 1000 };
        }
        case 'DescribeExecution':
          return describe(this.get(String(input.executionArn)));
        case 'ListExecutions':
          return {
            executions: [...this.executions.values()]
              .filter((e) => e.stateMachineArn === input.stateMachineArn)
              .filter((e) => !input.statusFilter || e.status === input.statusFilter)
              .reverse()
              .map(describe),
          };
        case 'GetExecutionHistory':
          return {
            events: this.get(String(input.executionArn)).events.map((event, index) => ({
              id: index + 1,
              timestamp: event.timestamp.getTime() / 1000,
              type: event.type,
              ...(event.stateName ? { stateEnteredEventDetails: { name: event.stateName } } : {}),
            })),
          };
        case 'StopExecution': {
          const e = this.get(String(input.executionArn));
          e.abort();
          return { stopDate: Date.now() / 1000 };
        }
        default:
          throw new AwsError('UnsupportedOperation', `Step Functions ${operation} is not emulated locally.`);
      }
    };
  }
}
