import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../src/app.js';

const context = { 'aws:cdk:bundling-stacks': [], stage: 'options', mailFrom: 'Arbor <no-reply@mail.example.com>' };
const env = { region: 'eu-west-1', account: '123456789012' };

describe('app options', () => {
  it('uses a web ACL passed with -c webAclArn and makes no Edge stack', () => {
    const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/company-acl/0f1e2d3c';
    const { app, stack, edge } = buildApp(new App({ context: { ...context, webAclArn } }), env);
    expect(edge).toBeUndefined();
    expect(app.node.children.filter((c) => c.node.id.endsWith('-Edge'))).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: webAclArn }),
    });
    // Without alarmEmail the topic has no subscriber, and synth says so.
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 1); // the mail-events Lambda only
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('alarmEmail'));
    expect(warnings).toHaveLength(1);
  }, 120_000);

  it('refuses to synthesize without a region (the web ACL must be placed across regions) or with a bad rate limit', () => {
    expect(() => buildApp(new App({ context }), { account: '123456789012' })).toThrow(/region/);
    expect(() => buildApp(new App({ context: { ...context, authRateLimit: 'lots' } }), env)).toThrow(/authRateLimit/);
  });
});
