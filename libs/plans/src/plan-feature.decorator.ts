import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { assertPlanIncludes } from './plan.errors';
import { FEATURES, PlanName } from './plans';

/** Every gated feature (the FEATURES table in plans.ts says which plan opens it). */
export type PlanFeature =
  | 'advancedAnalytics'
  | 'linkDetail'
  | 'linkControls'
  | 'conversionTracking'
  | 'domainMetadata'
  | 'webhooks'
  | 'abTesting'
  | 'deepLinks'
  | 'socialPreviews';

export const PLAN_FEATURE_KEY = 'linktrace:plan-feature';

/** What the interceptor needs of the request: the plan the guard resolved for the caller's workspace. */
export interface PlanAwareRequest {
  auth?: { plan: PlanName | null };
}

/** Refuses the route with 403 plan_upgrade_required when the caller's plan lacks the feature. */
@Injectable()
export class PlanGateInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const feature = this.reflector.get<PlanFeature | undefined>(PLAN_FEATURE_KEY, context.getHandler());
    const plan = context.switchToHttp().getRequest<PlanAwareRequest>().auth?.plan;
    if (feature) assertPlanIncludes(plan ?? 'free', feature);
    return next.handle();
  }
}

/**
 * `@PlanFeature('advancedAnalytics')`: gates a route on a plan feature. Attached per route, never globally
 * (a global interceptor would tax the redirect path). Usually set through `@Authenticated({ plan })`.
 */
export function PlanFeature(feature: PlanFeature): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PLAN_FEATURE_KEY, feature),
    UseInterceptors(PlanGateInterceptor),
    ApiExtension('x-plan', { feature, minimumPlan: FEATURES[feature].minimumPlan }),
  ) as MethodDecorator & ClassDecorator;
}
