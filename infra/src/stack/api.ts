import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { AREAS, areaAccess, areaEntry, httpRoutes, type Area } from '@arbor/functions/wiring';
import { arborFunction, type Bindings } from './functions.js';

/**
 * The HTTP API: one Lambda per area, one route per wiring entry, and the
 * $default route answering anything else with a JSON 404. It is reached
 * through CloudFront at /api/*, on the web app's own origin.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<Area, NodejsFunction>;
  /** The value CloudFront must send in the origin header for the API to answer. */
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, bindings: Bindings) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', { createDefaultStage: false, description: 'Arbor back office API' });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    (stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };

    // CloudFront sends this secret in a header (web.ts) and the API refuses requests without it
    // (functions/src/lib/origin-guard.ts), so the execute-api address cannot be used around the WAF.
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Sent by CloudFront to the Arbor API in a header; the API refuses requests without it.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.originSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'CloudFront reads the value at deploy time (a dynamic reference in its origin config); to rotate, put a new value and redeploy, which updates CloudFront and the functions re-read it within 5 minutes.',
      },
    ]);

    this.functions = {} as Record<Area, NodejsFunction>;
    const integrations = {} as Record<Area, HttpLambdaIntegration>;
    for (const area of AREAS) {
      const fn = arborFunction(this, `${pascal(area)}Function`, {
        entry: areaEntry(area),
        access: areaAccess[area],
        timeoutSeconds: 29,
        bindings,
      });
      this.originSecret.grantRead(fn);
      fn.addEnvironment('ORIGIN_SECRET_ARN', this.originSecret.secretArn);
      this.functions[area] = fn;
      // One invoke permission per function, for this API only (not one per route: 120 routes made 120
      // permissions and pushed the stack past CloudFormation's 500 resources).
      integrations[area] = new HttpLambdaIntegration(`${pascal(area)}Integration`, fn, {
        scopePermissionToRoute: false,
      });
    }

    for (const route of httpRoutes) {
      const routeKey =
        route.path === '$default'
          ? HttpRouteKey.DEFAULT
          : HttpRouteKey.with(route.path, route.method === 'ANY' ? HttpMethod.ANY : HttpMethod[route.method]);
      new HttpRoute(this, `Route${pascal(route.area)}${pascal(route.name)}`, {
        httpApi: this.httpApi,
        routeKey,
        integration: integrations[route.area],
      });
    }

    NagSuppressions.addResourceSuppressions(
      this,
      [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'Authorization happens in the Lambda: every route declares its roles in the wiring and the shared middy chain verifies the session cookie (signed token + live session) before the handler runs. Sign-in and password reset are public by design.',
        },
      ],
      true,
    );
  }

  /** The API's host name, for CloudFront's origin. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.httpApi.stack.region}.${this.httpApi.stack.urlSuffix}`;
  }
}

export const pascal = (value: string) =>
  value.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
