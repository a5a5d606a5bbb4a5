import { IsIn } from 'class-validator';
import { PLAN_ORDER } from '@app/plans';
import type { PlanName } from '@app/database';

export class UpdateWorkspacePlanDto {
  /** free, starter, creator or agency. */
  @IsIn(PLAN_ORDER, { message: `plan must be one of: ${PLAN_ORDER.join(', ')}` })
  plan: PlanName;
}
