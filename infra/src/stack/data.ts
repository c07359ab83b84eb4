import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { GSIS, TABLE_KEY, TTL_ATTRIBUTE } from '@arbor/shared/table';

/**
 * The one table (same definition as the local runtime's, from shared/table.ts)
 * and the secret that signs session tokens. The table outlives the stack.
 */
export class Data extends Construct {
  readonly table: TableV2;
  readonly sessionSecret: Secret;
  /** Signs links sent by mail (one-click unsubscribe), so the mail consumer never holds the session key. */
  readonly linkSecret: Secret;
  readonly fieldKey: Key;
  readonly uploads: Bucket;
  readonly periods: Bucket;

  constructor(scope: Construct, id: string, props: { logs: IBucket }) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: GSIS.map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      })),
    });

    this.fieldKey = new Key(this, 'FieldKey', {
      description: 'Envelope encryption of sensitive member fields (tax id, document numbers, bank details).',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Avatars and identity documents, uploaded by browsers with presigned POSTs.
    this.uploads = new Bucket(this, 'Uploads', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'uploads/',
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        // Documents uploaded for an enrollment that never finished.
        { prefix: 'documents/pending/', expiration: Duration.days(7) },
        { noncurrentVersionExpiration: Duration.days(30) },
      ],
    });

    // Period-close snapshots and results, payout exports: large state kept out of payloads and items.
    this.periods = new Bucket(this, 'Periods', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'periods/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Signs Arbor session tokens (HS256).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.sessionSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotating the signing key signs every member out at once; it is rotated by hand (put a new value) when needed. Access tokens live 15 minutes and sessions are checked on every request.',
      },
    ]);

    this.linkSecret = new Secret(this, 'LinkSecret', {
      description: 'Signs the links Arbor sends by mail (one-click unsubscribe, HMAC-SHA256).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.linkSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Unsubscribe links in mails already sent must keep working for years: rotating the key would break them. It is rotated by hand if it leaks.',
      },
    ]);
  }
}
