import { commissionsApi } from '@arbor/shared/api/commissions';
import { areaRouter } from '../area-router.js';
import {
  commissionPeriod,
  commissionSummary,
  memberQualification,
  rankProgressOf,
  teamAdvancements,
  volumeHistory,
} from './handlers/partner.js';
import {
  adminActivatePlan,
  adminCalculate,
  adminCreatePlan,
  adminFinalize,
  adminGetPeriod,
  adminGetPlan,
  adminListPeriods,
  adminListPlans,
  adminMarkPaid,
  adminPayoutExport,
  adminUpdatePlan,
  adminWhatIf,
} from './handlers/admin.js';

export const handler = areaRouter('commissions', commissionsApi, {
  commissionSummary,
  commissionPeriod,
  volumeHistory,
  rankProgressOf,
  memberQualification,
  teamAdvancements,
  adminListPeriods,
  adminGetPeriod,
  adminCalculate,
  adminFinalize,
  adminPayoutExport,
  adminMarkPaid,
  adminListPlans,
  adminGetPlan,
  adminCreatePlan,
  adminUpdatePlan,
  adminActivatePlan,
  adminWhatIf,
});
