import { areaRouter } from '../lib/router.js';
import {
  autoshipAction,
  createMemberAutoship,
  listMemberAutoships,
  updateMemberAutoship,
} from './handlers/autoships.js';
import { teamAutoships } from './handlers/team-autoships.js';

export const handler = areaRouter('autoship', null, {
  listMemberAutoships,
  createMemberAutoship,
  updateMemberAutoship,
  autoshipAction,
  teamAutoships,
});
