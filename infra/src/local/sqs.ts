import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext, type LambdaHandler } from './lambda.js';

/**
 * SQS and its Lambda trigger, emulated in-process with SQS's semantics: a
 * received message is invisible for the visibility timeout, comes back if not
 * deleted, moves to the dead-letter queue once received more than
 * maxReceiveCount times, and a consumer's partial batch failures keep just the
 * failed messages. No maintained local SQS speaks the JSON protocol the
 * current SDK uses, so the runtime answers it itself (see aws-standins.ts).
 */
export interface QueueOptions {
  name: string;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount?: number;
  dlq?: LocalQueue;
}

interface Message {
  messageId: string;
  body: string;
  md5: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  attributes?: Record<string, MessageAttribute>;
}

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');

/** SQS's digest of message attributes (the SDK checks it against what it sent). */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string {
  const hash = createHash('md5');
  const encodeString = (value: string) => {
    const bytes = Buffer.from(value, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name]!;
    encodeString(name);
    encodeString(attribute.DataType);
    if (attribute.StringValue !== undefined) {
      hash.update(Buffer.from([1]));
      encodeString(attribute.StringValue);
    } else {
      const bytes = Buffer.from(attribute.BinaryValue ?? '', 'base64');
      hash.update(Buffer.from([2]));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      hash.update(length);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

export class LocalQueue {
  readonly arn: string;
  private readonly messages = new Map<string, Message>();
  private consumer: { stop: () => Promise<void> } | undefined;

  constructor(
    readonly options: QueueOptions,
    readonly url: string,
  ) {
    this.arn = `arn:aws:sqs:us-east-1:000000000000:${options.name}`;
  }

  send(body: string, delaySeconds = 0, attributes?: Record<string, MessageAttribute>): Message {
    const now = Date.now();
    const message: Message = {
      messageId: randomUUID(),
      body,
      md5: md5(body),
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
    };
    this.messages.set(message.messageId, message);
    return message;
  }

  /** Receives up to `max` visible messages, hiding them for the visibility timeout. */
  receive(max: number, visibilityTimeoutSeconds = this.options.visibilityTimeoutSeconds): Message[] {
    const now = Date.now();
    const out: Message[] = [];
    for (const message of this.messages.values()) {
      if (out.length >= max) break;
      if (message.visibleAt > now) continue;
      if (this.options.dlq && this.options.maxReceiveCount && message.receiveCount >= this.options.maxReceiveCount) {
        this.messages.delete(message.messageId);
        this.options.dlq.send(message.body, 0, message.attributes);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = `${message.messageId}#${randomUUID()}`;
      out.push(message);
    }
    return out;
  }

  /** Deletes by receipt handle; a stale handle (message received again since) deletes nothing. */
  delete(receiptHandle: string): boolean {
    const messageId = receiptHandle.split('#')[0] ?? '';
    const message = this.messages.get(messageId);
    if (!message || message.receiptHandle !== receiptHandle) return false;
    return this.messages.delete(messageId);
  }

  changeVisibility(receiptHandle: string, seconds: number): boolean {
    const message = this.messages.get(receiptHandle.split('#')[0] ?? '');
    if (!message || message.receiptHandle !== receiptHandle) return false;
    message.visibleAt = Date.now() + seconds * 1000;
    return true;
  }

  purge(): void {
    this.messages.clear();
  }

  counts() {
    const now = Date.now();
    let visible = 0;
    let inFlight = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) inFlight++;
    }
    return { visible, inFlight, total: this.messages.size };
  }

  toRecord(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.attributes ?? {}).map(([name, a]) => [
          name,
          { dataType: a.DataType, stringValue: a.StringValue, binaryValue: a.BinaryValue },
        ]),
      ),
      md5OfBody: message.md5,
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: 'us-east-1',
    };
  }

  /**
   * The Lambda event source mapping: polls, invokes the handler with batches,
   * deletes what succeeded. A thrown error fails the whole batch; a
   * `batchItemFailures` answer fails just those messages.
   */
  startConsumer(
    handler: LambdaHandler<SQSEvent, SQSBatchResponse | void>,
    { batchSize = 10, concurrency = 2, pollMs = 50, functionName = this.options.name, timeoutMs = 60_000 } = {},
  ): void {
    let running = true;
    const workers = Array.from({ length: concurrency }, async () => {
      while (running) {
        const batch = this.receive(batchSize);
        if (batch.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, pollMs));
          continue;
        }
        const records = batch.map((message) => this.toRecord(message));
        let failed: Set<string>;
        try {
          const response = await handler({ Records: records }, lambdaContext(functionName, timeoutMs));
          const failures = response?.batchItemFailures ?? [];
          failed = new Set(failures.map((f) => f.itemIdentifier));
          // An identifier that is not in the batch makes Lambda treat the whole batch as failed.
          if ([...failed].some((id) => !records.some((r) => r.messageId === id)))
            failed = new Set(records.map((r) => r.messageId));
        } catch (error) {
          console.error(`[queue ${this.options.name}] batch failed:`, (error as Error).message);
          failed = new Set(records.map((r) => r.messageId));
        }
        for (const record of records) if (!failed.has(record.messageId)) this.delete(record.receiptHandle);
      }
    });
    this.consumer = {
      stop: async () => {
        running = false;
        await Promise.all(workers);
      },
    };
  }

  async stopConsumer(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }
}

export class LocalQueues {
  private readonly byName = new Map<string, LocalQueue>();

  constructor(private readonly baseUrl: string) {}

  /** Creates a queue and, when maxReceiveCount is given, its `-dlq`. */
  create(options: Omit<QueueOptions, 'dlq'>): LocalQueue {
    const dlq = options.maxReceiveCount
      ? this.add({ name: `${options.name}-dlq`, visibilityTimeoutSeconds: 30 })
      : undefined;
    return this.add({ ...options, ...(dlq ? { dlq } : {}) });
  }

  private add(options: QueueOptions): LocalQueue {
    const queue = new LocalQueue(options, `${this.baseUrl}/000000000000/${options.name}`);
    this.byName.set(options.name, queue);
    return queue;
  }

  get(name: string): LocalQueue | undefined {
    return this.byName.get(name);
  }

  byUrl(url: string): LocalQueue | undefined {
    return this.byName.get(url.split('/').pop() ?? '');
  }

  all(): LocalQueue[] {
    return [...this.byName.values()];
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.stopConsumer()));
  }
}
