import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { Data } from './data.js';
import { Queues } from './jobs.js';
import { Logs } from './logs.js';
import { Mail } from './mail.js';
import { Machines } from './machines.js';
import { Monitoring } from './monitoring.js';
import { Streams } from './streams.js';
import { Web } from './web.js';

export interface ArborStackProps extends StackProps {
  /** From address of all mail, e.g. `Arbor <no-reply@office.example.com>`; its domain must be verified in SES. */
  mailFrom: string;
  /** Public URL of the back office when a custom domain is used; else the CloudFront URL. */
  appUrl?: string;
  /** The company's time zone, in which nightly jobs run (defaults to America/Chicago). */
  timeZone?: string;
  /** The WAF web ACL CloudFront uses (scope CLOUDFRONT, so it lives in us-east-1: see edge.ts). */
  webAclArn: string;
  /** Who receives the alarms. */
  alarmEmail?: string;
}

/** The whole back office: data, API, jobs and web, wired from functions/src/wiring.ts. */
export class ArborStack extends Stack {
  constructor(scope: Construct, id: string, props: ArborStackProps) {
    super(scope, id, props);
    const logs = new Logs(this, 'Logs');
    const data = new Data(this, 'Data', { logs: logs.bucket });
    const queues = new Queues(this, 'Jobs');
    const mail = new Mail(this, 'Mail');
    const mailDomain = /@([^>\s]+)>?\s*$/.exec(props.mailFrom)?.[1];
    if (!mailDomain) throw new Error(`mailFrom "${props.mailFrom}" has no email address`);

    // The API needs the app URL (for emailed links) and CloudFront needs the API's domain:
    // the URL is a lazy value, resolved once the distribution exists.
    let appUrl = props.appUrl;
    const bindings = {
      table: data.table,
      uploads: data.uploads,
      periods: data.periods,
      fieldKey: data.fieldKey,
      sessionSecret: data.sessionSecret,
      linkSecret: data.linkSecret,
      queues: queues.queues,
      appUrl: Lazy.string({ produce: () => appUrl }),
      mailFrom: props.mailFrom,
      sesIdentityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain }),
      sesConfigurationSet: mail.configurationSet.configurationSetName,
    };
    const machines = new Machines(this, 'Machines', bindings);
    const api = new Api(this, 'Api', { ...bindings, machines: machines.machines });
    const web = new Web(this, 'Web', {
      apiDomainName: api.domainName,
      logs: logs.bucket,
      originSecret: api.originSecret,
      webAclArn: props.webAclArn,
    });
    appUrl ??= `https://${web.distribution.distributionDomainName}`;
    const all = { ...bindings, machines: machines.machines };
    queues.addConsumers(all);
    queues.addSchedules(all, props.timeZone ?? 'America/Chicago');
    const streams = new Streams(this, 'Streams', all);
    mail.addSubscribers(all);

    new Monitoring(this, 'Monitoring', {
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      functions: this.node.findAll().filter((c): c is NodejsFunction => c instanceof NodejsFunction),
      httpApi: api.httpApi,
      machines: machines.machines,
      queues: Object.fromEntries(Object.entries(queues.queues).map(([name, queue]) => [`${name} queue`, queue])),
      dlqs: { ...queues.dlqs, ...streams.dlqs, ...mail.dlqs },
      streamConsumers: streams.consumers,
      table: data.table,
    });

    new CfnOutput(this, 'AppUrl', { value: bindings.appUrl });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    NagSuppressions.addStackSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason: 'Functions run on Node.js 22, the newest runtime the project is tested on.',
      },
    ]);
  }
}
