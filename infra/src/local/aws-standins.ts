import { createServer, type Server } from 'node:http';
import { md5, md5OfAttributes, type LocalQueues, type MessageAttribute } from './sqs.js';

/**
 * One HTTP endpoint that answers the AWS JSON protocols (awsJson1_0/1_1) of
 * the services without a maintained local engine: SQS here, and whatever
 * else registers a handler (Step Functions, KMS). The SDK reaches it through
 * AWS_ENDPOINT_URL_<SERVICE>, so application code is unchanged.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly queryError?: string,
  ) {
    super(message);
  }
}

export type ServiceHandler = (operation: string, input: Record<string, unknown>) => Promise<unknown> | unknown;

export class AwsStandIns {
  private readonly services = new Map<string, ServiceHandler>();
  private server: Server | undefined;

  /** `prefix` is the X-Amz-Target service name, e.g. `AmazonSQS` or `AWSStepFunctions`. */
  register(prefix: string, handler: ServiceHandler): void {
    this.services.set(prefix, handler);
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const target = String(request.headers['x-amz-target'] ?? '');
      const [prefix, operation] = target.split('.');
      const handler = prefix ? this.services.get(prefix) : undefined;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
        response.end(JSON.stringify(body));
      };
      if (!handler || !operation) {
        return reply(400, {
          __type: 'UnknownOperationException',
          message: `No local stand-in for ${target || 'this request'}`,
        });
      }
      try {
        const input = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {};
        reply(200, (await handler(operation, input)) ?? {});
      } catch (error) {
        if (error instanceof AwsError) {
          reply(
            error.status,
            { __type: error.type, message: error.message },
            error.queryError ? { 'x-amzn-query-error': error.queryError } : {},
          );
        } else {
          console.error(`[aws stand-in] ${target} failed`, error);
          reply(500, { __type: 'InternalFailure', message: (error as Error).message });
        }
      }
    });
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The SQS operations the application and the runtime's tools use. */
export function sqsService(queues: LocalQueues): ServiceHandler {
  const queueOf = (input: Record<string, unknown>) => {
    const queue = queues.byUrl(String(input.QueueUrl ?? ''));
    if (!queue) {
      throw new AwsError(
        'com.amazonaws.sqs#QueueDoesNotExist',
        'The specified queue does not exist.',
        400,
        'AWS.SimpleQueueService.NonExistentQueue;Sender',
      );
    }
    return queue;
  };
  const sendOne = (queue: ReturnType<typeof queueOf>, entry: Record<string, unknown>) => {
    const body = String(entry.MessageBody ?? '');
    if (!body) throw new AwsError('com.amazonaws.sqs#MissingParameter', 'MessageBody is required.');
    const attributes = entry.MessageAttributes as Record<string, MessageAttribute> | undefined;
    const message = queue.send(body, Number(entry.DelaySeconds ?? 0), attributes);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: md5(body),
      ...(attributes && Object.keys(attributes).length ? { MD5OfMessageAttributes: md5OfAttributes(attributes) } : {}),
    };
  };
  return (operation, input) => {
    switch (operation) {
      case 'SendMessage':
        return sendOne(queueOf(input), input);
      case 'SendMessageBatch': {
        const queue = queueOf(input);
        const entries = (input.Entries as Record<string, unknown>[] | undefined) ?? [];
        if (entries.length === 0 || entries.length > 10) {
          throw new AwsError('com.amazonaws.sqs#TooManyEntriesInBatchRequest', 'A batch holds 1 to 10 entries.');
        }
        return { Successful: entries.map((entry) => ({ Id: entry.Id, ...sendOne(queue, entry) })), Failed: [] };
      }
      case 'ReceiveMessage': {
        const queue = queueOf(input);
        const messages = queue.receive(
          Number(input.MaxNumberOfMessages ?? 1),
          Number(input.VisibilityTimeout ?? queue.options.visibilityTimeoutSeconds),
        );
        return {
          Messages: messages.map((m) => {
            const record = queue.toRecord(m);
            return {
              MessageId: m.messageId,
              ReceiptHandle: record.receiptHandle,
              Body: m.body,
              MD5OfBody: m.md5,
              Attributes: record.attributes,
            };
          }),
        };
      }
      case 'DeleteMessage':
        queueOf(input).delete(String(input.ReceiptHandle ?? ''));
        return {};
      case 'DeleteMessageBatch': {
        const queue = queueOf(input);
        const entries = (input.Entries as { Id: string; ReceiptHandle: string }[] | undefined) ?? [];
        for (const entry of entries) queue.delete(entry.ReceiptHandle);
        return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
      }
      case 'ChangeMessageVisibility':
        queueOf(input).changeVisibility(String(input.ReceiptHandle ?? ''), Number(input.VisibilityTimeout ?? 0));
        return {};
      case 'GetQueueUrl': {
        const queue = queues.get(String(input.QueueName ?? ''));
        if (!queue)
          throw new AwsError(
            'com.amazonaws.sqs#QueueDoesNotExist',
            'The specified queue does not exist.',
            400,
            'AWS.SimpleQueueService.NonExistentQueue;Sender',
          );
        return { QueueUrl: queue.url };
      }
      case 'GetQueueAttributes': {
        const queue = queueOf(input);
        const counts = queue.counts();
        return {
          Attributes: {
            QueueArn: queue.arn,
            ApproximateNumberOfMessages: String(counts.visible),
            ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
            VisibilityTimeout: String(queue.options.visibilityTimeoutSeconds),
          },
        };
      }
      case 'PurgeQueue':
        queueOf(input).purge();
        return {};
      case 'ListQueues':
        return { QueueUrls: queues.all().map((q) => q.url) };
      default:
        throw new AwsError('UnsupportedOperation', `SQS ${operation} is not emulated locally.`);
    }
  };
}
