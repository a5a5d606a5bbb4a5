import { Column } from 'typeorm';

/** A bigint column read as a number (counters stay far below 2^53). */
export const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };

/**
 * The counters every click rollup keeps, current with the click writer (the same transaction as the raw
 * events): `clicks` and `uniqueVisitors` exclude bots, `botClicks` counts them apart. A visitor is unique
 * on its first click of the UTC day on a link, counted in the rollup row of that click (its hour, its
 * dimension values); visitor hashes are salted per day, so unique visitors add up over hours, days and
 * links.
 */
export abstract class ClickCounters {
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  clicks: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  uniqueVisitors: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  botClicks: number;
}
