import { describe, expect, it, vi } from 'vitest';
import type { DynamoDBRecord, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { messageJson, sqsConsumer, streamConsumer } from '../../src/lib/batch.js';

// The consumers log each failure; these tests make failures on purpose.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

const sqsEvent = (...bodies: string[]) =>
  ({
    Records: bodies.map((body, i) => ({ messageId: `m${i + 1}`, body, attributes: {}, messageAttributes: {} })),
  }) as unknown as SQSEvent;

const streamEvent = (count: number) =>
  ({
    Records: Array.from({ length: count }, (_, i) => ({
      eventID: `e${i + 1}`,
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: String(100 + i) },
    })),
  }) as unknown as DynamoDBStreamEvent;

describe('queue consumers', () => {
  it('name only the messages whose handler threw', async () => {
    const handled: unknown[] = [];
    const consume = sqsConsumer('test', async (record) => {
      const body = messageJson(record) as { fail?: boolean } | undefined;
      if (!body || body.fail) throw new Error('no');
      handled.push(body);
    });
    const response = await consume(sqsEvent('{"n":1}', '{"fail":true}', 'not json', '{"n":4}'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] });
    expect(handled).toEqual([{ n: 1 }, { n: 4 }]);
  });

  it('answer a batch that failed entirely with every message, instead of throwing', async () => {
    const consume = sqsConsumer('test', () => Promise.reject(new Error('throttled')));
    expect(await consume(sqsEvent('{}', '{}'))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }],
    });
  });

  it('keep the batches of invocations running at the same time apart', async () => {
    const consume = sqsConsumer(
      'test',
      async (record) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (record.body === 'bad') throw new Error('no');
      },
      { inParallel: true },
    );
    const [a, b] = await Promise.all([consume(sqsEvent('bad', 'ok')), consume(sqsEvent('ok', 'ok', 'bad'))]);
    expect(a.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(b.batchItemFailures).toEqual([{ itemIdentifier: 'm3' }]);
  });
});

describe('stream consumers', () => {
  it('apply records in order and stop at the first failure, reporting it and every record after it', async () => {
    const applied: string[] = [];
    const consume = streamConsumer('test', async (record: DynamoDBRecord) => {
      if (record.eventID === 'e2') throw new Error('throttled');
      applied.push(record.eventID!);
    });
    const response = await consume(streamEvent(4));
    expect(applied).toEqual(['e1']);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['101', '102', '103']);
    // The retry from the failed record on (here without e2's trouble) applies the rest in order.
    expect(await consume({ Records: streamEvent(4).Records.slice(2) })).toEqual({ batchItemFailures: [] });
    expect(applied).toEqual(['e1', 'e3', 'e4']);
  });
});
