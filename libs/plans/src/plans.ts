import type { PlanName } from '@app/database';
import type { PlanFeature } from './plan-feature.decorator';

export type { PlanName };

/** Plans in order; a gate open on one plan is open on every plan after it. */
export const PLAN_ORDER: readonly PlanName[] = ['free', 'starter', 'creator', 'agency'];

export type QuotaResource = 'linksPerMonth' | 'domains' | 'folders' | 'tags' | 'utmTemplates' | 'webhooks';

interface PlanDefinition {
  /** null = unlimited. */
  quotas: Record<QuotaResource, number | null>;
  analyticsRetentionDays: number;
}

/** The one table of every quota of docs/API.md (Plans): changing a number here changes the product. */
export const PLANS: Record<PlanName, PlanDefinition> = {
  free: {
    quotas: { linksPerMonth: 250, domains: 1, folders: 3, tags: 5, utmTemplates: 3, webhooks: 0 },
    analyticsRetentionDays: 30,
  },
  starter: {
    quotas: { linksPerMonth: 2_000, domains: 3, folders: 20, tags: 25, utmTemplates: 10, webhooks: 3 },
    analyticsRetentionDays: 365,
  },
  creator: {
    quotas: { linksPerMonth: 10_000, domains: 10, folders: 100, tags: 100, utmTemplates: 50, webhooks: 10 },
    analyticsRetentionDays: 730,
  },
  agency: {
    quotas: { linksPerMonth: 50_000, domains: 50, folders: null, tags: null, utmTemplates: null, webhooks: 50 },
    analyticsRetentionDays: 1_095,
  },
};

/** Every gated feature: the first plan that includes it, and its name in messages. */
export const FEATURES: Record<PlanFeature, { minimumPlan: PlanName; label: string }> = {
  advancedAnalytics: { minimumPlan: 'starter', label: 'Advanced analytics' },
  linkDetail: { minimumPlan: 'starter', label: 'Link detail and exports' },
  linkControls: { minimumPlan: 'starter', label: 'Link controls (password, expiry, targeting)' },
  conversionTracking: { minimumPlan: 'creator', label: 'Conversion tracking' },
  domainMetadata: { minimumPlan: 'creator', label: 'Domain metadata control' },
  webhooks: { minimumPlan: 'starter', label: 'Webhooks' },
  abTesting: { minimumPlan: 'creator', label: 'A/B testing' },
  deepLinks: { minimumPlan: 'creator', label: 'App deep links' },
  socialPreviews: { minimumPlan: 'starter', label: 'Social previews' },
};

/** Names of quota resources in messages ("Folders limit reached for the free plan"). */
export const QUOTA_LABELS: Record<QuotaResource, string> = {
  linksPerMonth: 'Monthly new links',
  domains: 'Custom domains',
  folders: 'Folders',
  tags: 'Tags',
  utmTemplates: 'UTM templates',
  webhooks: 'Webhooks',
};

export function planIncludes(plan: PlanName, feature: PlanFeature): boolean {
  return PLAN_ORDER.indexOf(plan) >= PLAN_ORDER.indexOf(FEATURES[feature].minimumPlan);
}

export function isPlanName(value: unknown): value is PlanName {
  return typeof value === 'string' && (PLAN_ORDER as readonly string[]).includes(value);
}
