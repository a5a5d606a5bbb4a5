import { Injectable } from '@nestjs/common';

/** The time import leases are taken by; tests move it forward instead of waiting out a dead instance's lease. */
@Injectable()
export class ImportClock {
  now(): Date {
    return new Date();
  }
}
