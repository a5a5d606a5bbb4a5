export * from './plans';
export * from './plan.errors';
export * from './plan-feature.decorator';
