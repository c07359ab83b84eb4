import { stateMachineArnEnv, stateMachines } from '@arbor/functions/wiring';
import { lambdaContext, loadHandler } from './lambda.js';
import type { LocalStepFunctions } from './step-functions.js';

/** `${LockFunction}` -> a Lambda ARN, as the stack's definitionSubstitutions do. */
export function substitute(definition: unknown, arnOf: (state: string) => string): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(definition).replace(/\$\{(\w+)Function\}/g, (_, state: string) => arnOf(state)),
  ) as Record<string, unknown>;
}

/**
 * Registers every state machine of the wiring with the local Step Functions:
 * the very ASL the stack deploys, each Task state running its handler.
 */
export async function registerStateMachines(stepFunctions: LocalStepFunctions): Promise<void> {
  for (const machine of stateMachines) {
    const module = (await import(/* @vite-ignore */ `../../../functions/src/${machine.definitionModule}`)) as Record<
      string,
      unknown
    >;
    const definition = substitute(
      module[machine.definitionExport],
      (state) => `arn:aws:lambda:us-east-1:000000000000:function:${machine.name}-${state}`,
    );
    const tasks: Record<string, (input: never) => Promise<never>> = {};
    for (const [state, exportName] of Object.entries(machine.tasks)) {
      tasks[state] = async (input) => {
        const handler = await loadHandler<unknown, never>(machine.entry, exportName);
        return handler(input, lambdaContext(`${machine.name}-${state}`, machine.timeoutSeconds * 1000));
      };
    }
    const arn = stepFunctions.register({ name: machine.name, definition, tasks: tasks as never });
    process.env[stateMachineArnEnv(machine.name)] = arn;
  }
}
