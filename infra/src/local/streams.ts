import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumer } from '@arbor/functions/wiring';
import { lambdaContext, loadHandler } from './lambda.js';

/**
 * The Lambda event source mapping for DynamoDB Streams, on DynamoDB Local's
 * real stream: polls every shard in order (a child shard after its parent),
 * applies the consumer's filter, invokes the handler in batches and, on a
 * reported failure, retries from the failed record, like Lambda does.
 *
 * Where it starts: from its checkpoint file when it has one (a restart goes on
 * where it stopped, nothing lost); else `startAt` decides: 'latest' skips what
 * is in the stream already (the records of a bulk seed), 'trim_horizon'
 * reads everything (a new in-memory table, tests).
 */
export interface StreamPollerOptions {
  startAt: 'latest' | 'trim_horizon';
  /** A JSON file keeping the last sequence number handled per shard. */
  checkpointFile?: string;
  pollMs?: number;
  log?: (line: string) => void;
}

interface ShardState {
  iterator: string | undefined;
  done: boolean;
  lastSequence?: string;
}

export class LocalStreamPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly shards = new Map<string, ShardState>();
  private passes = 0;
  private idleStreak = 0;
  private saved: Record<string, string> = {};

  private streamArn = '';

  /** The saved positions, if they belong to this very stream (a recreated table has a new one). */
  private readCheckpoint(): Record<string, string> | null {
    const file = this.options.checkpointFile;
    if (!file || !existsSync(file)) return null;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { streamArn?: string; shards?: Record<string, string> };
      return saved.streamArn === this.streamArn && saved.shards ? saved.shards : null;
    } catch {
      return null;
    }
  }

  private writeCheckpoint(shardId: string, sequence: string | undefined) {
    if (!this.options.checkpointFile || !sequence) return;
    this.saved[shardId] = sequence;
    writeFileSync(this.options.checkpointFile, JSON.stringify({ streamArn: this.streamArn, shards: this.saved }));
  }
  private readonly streams = new DynamoDBStreamsClient({});

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
    private readonly consumer: StreamConsumer,
    private readonly options: StreamPollerOptions,
  ) {}

  private async refreshStream(): Promise<string> {
    const table = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${this.tableName} has no stream`);
    this.currentArn = streamArn;
    return streamArn;
  }

  private currentArn = '';

  async start(): Promise<void> {
    const streamArn = await this.refreshStream();
    const handler = await loadHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(this.consumer.entry);
    this.streamArn = streamArn;
    const checkpoint = this.readCheckpoint();
    this.running = true;
    let first = checkpoint === null;
    this.saved = checkpoint ?? {};
    this.loop = (async () => {
      let failures = 0;
      while (this.running) {
        let worked = false;
        try {
          worked = await this.pollOnce(this.currentArn, handler, first);
          first = false;
          if (failures > 0) this.options.log?.(`[stream ${this.consumer.name}] reading the stream again`);
          failures = 0;
        } catch (error) {
          failures += 1;
          // While DynamoDB is away: say so once (then every ~50 failures), and back off up to 5 s.
          if (failures === 1 || failures % 50 === 0)
            this.options.log?.(`[stream ${this.consumer.name}] ${(error as Error).message}`);
          if (failures > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 50 * 2 ** failures)));
          // DynamoDB Local invalidates iterators when a table is deleted and recreated: start over.
          if (
            (error as Error).name === 'TrimmedDataAccessException' ||
            (error as Error).name === 'ResourceNotFoundException'
          ) {
            this.shards.clear();
            await this.refreshStream().catch(() => undefined);
          }
        }
        this.passes += 1;
        this.idleStreak = worked ? 0 : this.idleStreak + 1;
        if (!worked) await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 100));
      }
    })();
  }

  /**
   * How many passes over the stream are done, and how many of the last ones in
   * a row found nothing to do (tests wait on both: a pass that began after a
   * write has seen its record).
   */
  progress(): { passes: number; idleStreak: number } {
    return { passes: this.passes, idleStreak: this.idleStreak };
  }

  private async pollOnce(
    streamArn: string,
    handler: (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse>,
    first: boolean,
  ): Promise<boolean> {
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shards = description.StreamDescription?.Shards ?? [];
    let worked = false;
    for (const shard of shards) {
      const id = shard.ShardId!;
      let state = this.shards.get(id);
      if (state?.done) continue;
      // A child shard waits until its parent is read to the end.
      const parent = shard.ParentShardId ? this.shards.get(shard.ParentShardId) : undefined;
      if (parent && !parent.done) continue;
      if (!state) {
        const after = this.saved[id];
        const type = after
          ? 'AFTER_SEQUENCE_NUMBER'
          : first && this.options.startAt === 'latest'
            ? 'LATEST'
            : 'TRIM_HORIZON';
        const iterator = await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: id,
            ShardIteratorType: type,
            ...(after ? { SequenceNumber: after } : {}),
          }),
        );
        state = { iterator: iterator.ShardIterator, done: false };
        this.shards.set(id, state);
      }
      if (!state.iterator) {
        state.done = true;
        continue;
      }
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
      const records = (page.Records ?? []).filter((r) =>
        r.dynamodb?.Keys?.SK?.S?.startsWith(this.consumer.sortKeyPrefix),
      );
      for (let start = 0; start < records.length;) {
        const batch = records.slice(start, start + this.consumer.batchSize);
        const handled = await this.deliver(batch, handler);
        start += handled;
        worked = true;
      }
      state.iterator = page.NextShardIterator;
      const last = page.Records?.[page.Records.length - 1]?.dynamodb?.SequenceNumber;
      if (last) this.writeCheckpoint(id, last);
      if (!page.NextShardIterator) state.done = true;
      if ((page.Records ?? []).length > 0) worked = true;
    }
    return worked;
  }

  /** Delivers a batch, retrying from a reported failure; returns how many records are done. */
  private async deliver(
    batch: StreamRecord[],
    handler: (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse>,
  ): Promise<number> {
    let pending = batch;
    for (let attempt = 0; attempt <= this.consumer.maxRetryAttempts; attempt++) {
      const event = {
        Records: pending.map((r) => ({ ...r, eventSourceARN: 'local' })),
      } as unknown as DynamoDBStreamEvent;
      let failedAt: string | undefined;
      try {
        const response = await handler(event, lambdaContext(this.consumer.name, this.consumer.timeoutSeconds * 1000));
        failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        this.options.log?.(`[stream ${this.consumer.name}] batch failed: ${(error as Error).message}`);
        failedAt = pending[0]?.dynamodb?.SequenceNumber;
      }
      if (!failedAt) return batch.length;
      const index = pending.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
      pending = index >= 0 ? pending.slice(index) : pending;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
    }
    this.options.log?.(`[stream ${this.consumer.name}] gave up on ${pending.length} records after retries`);
    return batch.length;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
