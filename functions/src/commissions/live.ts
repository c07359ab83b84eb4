import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { streamConsumer } from '../lib/batch.js';
import type { VolumeEvent } from '../orders/repository.js';
import { addLiveVolumeOnce, liveVolumes, type LiveVolume } from './repository/live-volumes.js';
import { placementPathOf } from './repository/profiles.js';

/**
 * Live volumes, from the stream of volume events (a sale or a refund): the
 * order's owner gets the PV, the owner and every placement upline get the GV,
 * in the month the event happened, within seconds. Exactly once per event.
 */
export const handler = streamConsumer('volumes', async (record) => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return;
  const volume = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as VolumeEvent & {
    entity?: string;
  };
  if (volume.entity !== 'volumeEvent' || volume.imported) return;
  await applyVolume(record.eventID ?? `${volume.orderId}:${volume.seq}`, volume);
});

export async function applyVolume(eventId: string, volume: VolumeEvent): Promise<void> {
  await addLiveVolumeOnce(`volume:${eventId}`, volume, await placementPathOf(volume.ownerId));
}

/** A member's live volume of a month (zero when nothing happened yet). */
export async function liveVolume(memberId: string, month: string): Promise<LiveVolume> {
  return (await liveVolumes([memberId], month)).get(memberId) ?? { pv: 0, gv: 0 };
}
