import { Injectable } from '@nestjs/common';

/** The time the webhook module schedules by; tests move it forward instead of waiting out a backoff. */
@Injectable()
export class WebhookClock {
  now(): Date {
    return new Date();
  }
}
