import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorCode } from '@app/common';
import type { PlanFeature } from './plan-feature.decorator';
import { FEATURES, PLANS, PlanName, planIncludes, QUOTA_LABELS, QuotaResource } from './plans';

/** 403 plan_upgrade_required unless the workspace's plan includes the feature. */
export function assertPlanIncludes(plan: PlanName, feature: PlanFeature): void {
  if (planIncludes(plan, feature)) return;
  const { label, minimumPlan } = FEATURES[feature];
  throw new AppException(
    HttpStatus.FORBIDDEN,
    ErrorCode.planUpgradeRequired,
    `${label} requires the ${minimumPlan} plan or above`,
    {
      requiredPlan: minimumPlan,
    },
  );
}

/**
 * 403 quota_exceeded when `currentCount` already fills the plan's quota. Callers count and insert in one
 * transaction that locks the workspace row, so two concurrent creates cannot both take the last slot.
 */
export function assertWithinQuota(plan: PlanName, resource: QuotaResource, currentCount: number): void {
  const limit = PLANS[plan].quotas[resource];
  if (limit === null || currentCount < limit) return;
  throw quotaExceeded(plan, resource);
}

/** How many more the plan's quota allows after `currentCount` (Infinity when unlimited). */
export function quotaLeft(plan: PlanName, resource: QuotaResource, currentCount: number): number {
  const limit = PLANS[plan].quotas[resource];
  return limit === null ? Infinity : Math.max(0, limit - currentCount);
}

/** The 403 quota_exceeded of a full quota (for items refused within a batch). */
export function quotaExceeded(plan: PlanName, resource: QuotaResource): AppException {
  return new AppException(
    HttpStatus.FORBIDDEN,
    ErrorCode.quotaExceeded,
    `${QUOTA_LABELS[resource]} limit reached for the ${plan} plan`,
    {
      limit: PLANS[plan].quotas[resource],
    },
  );
}
