/**
 * The plan gates the dashboard knows before calling a route, so a workspace never asks for what its plan lacks
 * (a 403 in the browser console on every visit). The API's table in libs/plans/src/plans.ts decides;
 * libs/plans/src/dashboard-plans.spec.ts fails when this copy differs from it.
 */
export const PLAN_ORDER = ['free', 'starter', 'creator', 'agency'] as const;

export const DASHBOARD_FEATURES = {
  advancedAnalytics: { minimumPlan: 'starter', label: 'Advanced analytics' },
  linkControls: { minimumPlan: 'starter', label: 'Link controls (password, expiry, targeting)' },
  abTesting: { minimumPlan: 'creator', label: 'A/B testing' },
  deepLinks: { minimumPlan: 'creator', label: 'App deep links' },
  socialPreviews: { minimumPlan: 'starter', label: 'Social previews' },
} as const;

export type DashboardFeature = keyof typeof DASHBOARD_FEATURES;

export function planIncludes(plan: string, feature: DashboardFeature): boolean {
  const order: readonly string[] = PLAN_ORDER;
  return order.indexOf(plan) >= order.indexOf(DASHBOARD_FEATURES[feature].minimumPlan);
}

/** What the API answers for the feature on a plan without it (403 plan_upgrade_required). */
export function planGateMessage(feature: DashboardFeature): string {
  const { label, minimumPlan } = DASHBOARD_FEATURES[feature];
  return `${label} requires the ${minimumPlan} plan or above`;
}
