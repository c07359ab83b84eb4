import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ORIGIN_HEADER, VIEWER_IP_HEADER } from '@arbor/functions/lib/origin-guard';

const WEB_BUILD = join(import.meta.dirname, '..', '..', '..', 'web', 'build');

export interface WebProps {
  apiDomainName: string;
  logs: IBucket;
  /** Sent to the API in the origin header; the API refuses requests without it. */
  originSecret: ISecret;
  /** The WAF web ACL (scope CLOUDFRONT, in us-east-1; see edge.ts). */
  webAclArn: string;
}

/**
 * The web app on S3 behind CloudFront, with /api/* sent to the HTTP API on
 * the same origin (so session cookies are first-party and no CORS is needed).
 * Paths without a file extension render the app's fallback page.
 */
export class Web extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      comment: 'Serve the app for client-side routes (paths without a file extension).',
      code: FunctionCode.fromInline(
        "function handler(event){var r=event.request;if(r.uri.indexOf('.')===-1){r.uri='/200.html';}return r;}",
      ),
    });

    // API Gateway sees CloudFront's edge address; the viewer's goes along in a header CloudFront itself sets
    // (overwriting any a browser sent), read by functions/src/lib/origin-guard.ts for rate limits and sign-in history.
    const viewerIp = new CloudFrontFunction(this, 'ViewerIp', {
      comment: 'Pass the viewer address to the API.',
      code: FunctionCode.fromInline(
        `function handler(event){var r=event.request;r.headers['${VIEWER_IP_HEADER}']={value:event.viewer.ip};return r;}`,
      ),
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; connect-src 'self' https:; frame-ancestors 'none'",
          override: true,
        },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Arbor back office',
      webAclId: props.webAclArn,
      defaultRootObject: '200.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            // A dynamic reference, resolved by CloudFormation at deploy time: the value is in no template.
            customHeaders: { [ORIGIN_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    NagSuppressions.addResourceSuppressions(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'Partners sell in many countries; no geo restriction by default.' },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default CloudFront certificate is used until a company adds its domain and ACM certificate.',
      },
    ]);

    // Deploy the built app when there is one (`npm run -w web build` before `cdk deploy`).
    if (existsSync(join(WEB_BUILD, '200.html'))) {
      new BucketDeployment(this, 'Deploy', {
        sources: [Source.asset(WEB_BUILD)],
        destinationBucket: site,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      // The deployment's Lambda is a stack-level singleton created by CDK.
      const deployer = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
      if (deployer) {
        NagSuppressions.addResourceSuppressions(
          deployer,
          [
            { id: 'AwsSolutions-IAM4', reason: 'CDK BucketDeployment handler: basic execution role for its own logs.' },
            {
              id: 'AwsSolutions-IAM5',
              reason:
                'CDK BucketDeployment copies the asset bucket objects into the site bucket and invalidates CloudFront; CDK scopes it to those buckets.',
            },
            { id: 'AwsSolutions-L1', reason: 'The runtime of the CDK-provided deployment handler is chosen by CDK.' },
          ],
          true,
        );
      }
    }
  }
}
