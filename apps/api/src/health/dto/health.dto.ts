export class HealthDto {
  status: 'ok';
  timestamp: string;
  /** Present when a valid key or session was sent. */
  user?: { id: string; workspaceId: string };
}

export class ReadinessDto {
  status: 'ok';
  checks: Record<string, 'ok'>;
}
