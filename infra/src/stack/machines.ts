import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { stateMachines } from '@arbor/functions/wiring';
import { periodCloseDefinition } from '@arbor/functions/commissions/close/machine';
import { pascal } from './api.js';
import { arborFunction, type Bindings } from './functions.js';

/** The ASL modules the wiring names, loaded statically (they are plain data). */
const DEFINITIONS: Record<string, unknown> = {
  'commissions/close/machine.ts#periodCloseDefinition': periodCloseDefinition,
};

/**
 * State machines from the wiring: the ASL as written (the same the local
 * runtime runs), with `${<State>Function}` replaced by each task's Lambda.
 */
export class Machines extends Construct {
  readonly machines: Record<string, StateMachine> = {};

  constructor(scope: Construct, id: string, bindings: Omit<Bindings, 'machines'>) {
    super(scope, id);
    for (const spec of stateMachines) {
      const definition = DEFINITIONS[`${spec.definitionModule}#${spec.definitionExport}`];
      if (!definition) throw new Error(`no ASL loaded for ${spec.definitionModule}#${spec.definitionExport}`);
      const name = pascal(spec.name);
      const substitutions: Record<string, string> = {};
      const functions = [];
      for (const [state, exportName] of Object.entries(spec.tasks)) {
        const fn = arborFunction(this, `${name}${state}`, {
          entry: spec.entry,
          handler: exportName,
          access: spec.access,
          timeoutSeconds: spec.timeoutSeconds,
          memoryMb: spec.memoryMb,
          bindings: { ...bindings, machines: {} },
        });
        substitutions[`${state}Function`] = fn.functionArn;
        functions.push(fn);
      }
      const machine = new StateMachine(this, name, {
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
        definitionSubstitutions: substitutions,
        timeout: Duration.hours(2),
        tracingEnabled: true,
        logs: {
          destination: new LogGroup(this, `${name}Logs`, { retention: RetentionDays.THREE_MONTHS }),
          level: LogLevel.ALL,
          includeExecutionData: false,
        },
      });
      for (const fn of functions) fn.grantInvoke(machine);
      this.machines[spec.name] = machine;
      if (spec.onEnded) {
        // No Catch runs when an execution times out or is stopped: Step Functions' own event releases what it held.
        const ended = arborFunction(this, `${name}Ended`, {
          entry: spec.onEnded.entry,
          access: spec.onEnded.access,
          timeoutSeconds: spec.onEnded.timeoutSeconds,
          bindings: { ...bindings, machines: {} },
        });
        new Rule(this, `${name}EndedRule`, {
          description: `${spec.name}: executions that timed out, were stopped or failed`,
          eventPattern: {
            source: ['aws.states'],
            detailType: ['Step Functions Execution Status Change'],
            detail: { status: ['TIMED_OUT', 'ABORTED', 'FAILED'], stateMachineArn: [machine.stateMachineArn] },
          },
          targets: [new LambdaFunction(ended, { retryAttempts: 8, maxEventAge: Duration.hours(2) })],
        });
      }
      NagSuppressions.addResourceSuppressions(
        machine,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'The state machine may invoke its own task functions and their versions (function:*), and write X-Ray segments (no resource ARN).',
          },
        ],
        true,
      );
    }
  }
}
