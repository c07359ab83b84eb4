import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  /** Requests per IP in 5 minutes, anywhere (`-c rateLimit=`). */
  rateLimit: number;
  /** Requests per IP in 5 minutes to /api/auth/* and /api/join/* (`-c authRateLimit=`). */
  authRateLimit: number;
}

/** Paths that sign in, reset passwords and enroll: what credential stuffing and sign-up abuse aim at. */
export const STRICT_PATHS = ['/api/auth/', '/api/join/'] as const;

/**
 * The WAF web ACL in front of CloudFront. A web ACL for CloudFront (scope
 * CLOUDFRONT) can only be created in us-east-1, so it has this small stack
 * of its own there; the back office's stack, in any region, reads its ARN
 * through CDK's cross-region references (SSM parameters written by CDK).
 * `cdk deploy --all` deploys both, this one first. A company that manages
 * its own web ACL passes `-c webAclArn=...` instead and this stack is not
 * created.
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const tooMany = { block: { customResponse: { responseCode: 429 } } };
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const startsWith = (path: string) => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: path,
        // CloudFront and API Gateway match paths case-sensitively, WAF must not be dodged by /API/Auth.
        textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
      },
    });

    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Arbor - per-IP rate limits, stricter on sign-in and enrollment, and known bad IPs.',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ArborWebAcl'),
      rules: [
        {
          name: 'AuthAndJoinRateLimit',
          priority: 0,
          action: tooMany,
          visibilityConfig: visibility('ArborAuthAndJoinRateLimit'),
          statement: {
            rateBasedStatement: {
              limit: props.authRateLimit,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: { orStatement: { statements: STRICT_PATHS.map(startsWith) } },
            },
          },
        },
        {
          name: 'RateLimit',
          priority: 1,
          action: tooMany,
          visibilityConfig: visibility('ArborRateLimit'),
          statement: {
            rateBasedStatement: { limit: props.rateLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
          },
        },
        {
          // Addresses Amazon's threat intelligence knows for bots and reconnaissance; few false positives.
          name: 'AmazonIpReputationList',
          priority: 2,
          overrideAction: { none: {} },
          visibilityConfig: visibility('ArborIpReputation'),
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
        },
      ],
    });
    this.webAclArn = acl.attrArn;
  }
}
