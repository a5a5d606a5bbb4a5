import { FEATURES, PLAN_ORDER } from './plans';
import {
  DASHBOARD_FEATURES,
  PLAN_ORDER as DASHBOARD_PLAN_ORDER,
  planIncludes,
} from '../../../apps/dashboard/src/plans';

describe("the dashboard's plan gates", () => {
  it('are the API’s: same plans in the same order, same minimum plan and label per feature', () => {
    expect(DASHBOARD_PLAN_ORDER).toEqual(PLAN_ORDER);
    for (const [feature, gate] of Object.entries(DASHBOARD_FEATURES))
      expect(gate).toEqual(FEATURES[feature as keyof typeof FEATURES]);
  });

  it.each([
    ['free', false],
    ['starter', true],
    ['agency', true],
  ])('advanced analytics on %s: %s', (plan, open) => {
    expect(planIncludes(plan, 'advancedAnalytics')).toBe(open);
  });
});
