import { autoshipApi } from '@arbor/shared/api/autoship';
import { areaRouter } from '../area-router.js';
import {
  autoshipAction,
  createMemberAutoship,
  listMemberAutoships,
  updateMemberAutoship,
} from './handlers/autoships.js';
import { teamAutoships } from './handlers/team-autoships.js';

export const handler = areaRouter('autoship', autoshipApi, {
  listMemberAutoships,
  createMemberAutoship,
  updateMemberAutoship,
  autoshipAction,
  teamAutoships,
});
