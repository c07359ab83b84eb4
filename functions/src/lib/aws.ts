import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * One client per service at module scope, created on first use. Endpoints come
 * from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so the same code
 * talks to AWS or to the local stand-ins without a branch here.
 */
let dynamoDb: DynamoDBClient | undefined;
/** The low-level client under db(), for Powertools (idempotency records) that marshal items themselves. */
export function dynamoDbClient(): DynamoDBClient {
  // A database that does not answer fails the request (a 503) before API Gateway's 29 s limit, instead of holding
  // the function until its own timeout; connecting gets 3 s (DynamoDB answers a connect in milliseconds).
  dynamoDb ??= new DynamoDBClient({ requestHandler: { connectionTimeout: 3_000, requestTimeout: 25_000 } });
  return dynamoDb;
}

let documentClient: DynamoDBDocumentClient | undefined;
export function db(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

let ses: SESv2Client | undefined;
export function sesClient(): SESv2Client {
  ses ??= new SESv2Client({});
  return ses;
}

let secrets: SecretsManagerClient | undefined;
export function secretsClient(): SecretsManagerClient {
  secrets ??= new SecretsManagerClient({});
  return secrets;
}
