import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

/** A Lambda context like AWS's, with a deadline, so middy's timeout logic behaves the same. */
export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Loads a handler from functions/src the way Lambda would load its bundle: once, then reused. */
export async function loadHandler<E, R>(entry: string, exportName = 'handler'): Promise<LambdaHandler<E, R>> {
  let loading = modules.get(entry);
  if (!loading) {
    loading = import(/* @vite-ignore */ `../../../functions/src/${entry}`) as Promise<Record<string, unknown>>;
    modules.set(entry, loading);
  }
  const handler = (await loading)[exportName];
  if (typeof handler !== 'function') throw new Error(`functions/src/${entry} has no export ${exportName}`);
  return handler as LambdaHandler<E, R>;
}
