import { AppException } from '@app/common';
import { assertPlanIncludes, assertWithinQuota } from './plan.errors';
import { PLAN_ORDER, planIncludes } from './plans';

const thrown = (run: () => void) => {
  try {
    run();
  } catch (error) {
    const exception = error as AppException;
    return { status: exception.getStatus(), code: exception.code, message: exception.message, ...exception.extra };
  }
  return null;
};

describe('plans', () => {
  it('a gate open on one plan is open on every later plan', () => {
    expect(PLAN_ORDER.map((plan) => planIncludes(plan, 'advancedAnalytics'))).toEqual([false, true, true, true]);
    expect(PLAN_ORDER.map((plan) => planIncludes(plan, 'conversionTracking'))).toEqual([false, false, true, true]);
  });

  it('refuses a missing feature with the exact message of docs/API.md', () => {
    expect(thrown(() => assertPlanIncludes('starter', 'conversionTracking'))).toEqual({
      status: 403,
      code: 'plan_upgrade_required',
      message: 'Conversion tracking requires the creator plan or above',
      requiredPlan: 'creator',
    });
    expect(thrown(() => assertPlanIncludes('creator', 'conversionTracking'))).toBeNull();
  });

  it('quotas: the last slot passes, the next is refused; agency folders are unlimited', () => {
    expect(thrown(() => assertWithinQuota('free', 'folders', 2))).toBeNull();
    expect(thrown(() => assertWithinQuota('free', 'folders', 3))).toEqual({
      status: 403,
      code: 'quota_exceeded',
      message: 'Folders limit reached for the free plan',
      limit: 3,
    });
    expect(thrown(() => assertWithinQuota('agency', 'folders', 1_000_000))).toBeNull();
    expect(thrown(() => assertWithinQuota('starter', 'linksPerMonth', 2_000))).toMatchObject({ limit: 2_000 });
  });
});
