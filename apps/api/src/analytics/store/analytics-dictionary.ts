import { AnalyticsDatabase } from './analytics-database';

/** One numbering of the dictionary as read so far: values by code, and codes by value once a filter asked. */
interface Numbering {
  values: string[];
  /** Highest code read. */
  top: number;
  codes: Map<string, number> | null;
  reading: Promise<void> | null;
}

/**
 * The store's `dictionary` as this process has read it, one numbering (a dimension's, or `link`) at a time, when a
 * query first needs it. The projection only ever adds codes (a code keeps its value for the life of the file), so
 * what was read stays true: a query meeting a code or value not read yet reads the codes added since. Naming a
 * query's groups is then a lookup in the process, where joining the dictionary in SQL cost tens of ms a query.
 */
export class AnalyticsDictionary {
  private readonly numberings = new Map<string, Numbering>();

  constructor(private readonly database: AnalyticsDatabase) {}

  /** The value of each code (every code must be held: it came from the clicks or their sums). */
  async values(dimension: string, codes: number[]): Promise<(code: number) => string> {
    const numbering = this.numbering(dimension);
    const missing = () => codes.some((code) => numbering.values[code] === undefined);
    // A read already running may have started before the code was added: then one more, which sees it.
    for (let attempt = 0; missing(); attempt++) {
      if (attempt === 2) throw new Error(`the analytics dictionary has no value for a ${dimension} code`);
      await this.read(numbering, dimension, attempt > 0);
    }
    return (code) => numbering.values[code];
  }

  /** The code of each value that has one (a value without a code is on no click). */
  async codes(dimension: string, values: string[]): Promise<Map<string, number>> {
    const numbering = this.numbering(dimension);
    if (numbering.codes === null) {
      numbering.codes = new Map();
      numbering.values.forEach((value, code) => numbering.codes!.set(value, code));
    }
    // Values not read yet may have been added since the last read: read once more before calling them unknown.
    if (values.some((value) => !numbering.codes!.has(value))) await this.read(numbering, dimension, true);
    const found = new Map<string, number>();
    for (const value of values) {
      const code = numbering.codes.get(value);
      if (code !== undefined) found.set(value, code);
    }
    return found;
  }

  private numbering(dimension: string): Numbering {
    let numbering = this.numberings.get(dimension);
    if (!numbering) {
      numbering = { values: [], top: 0, codes: null, reading: null };
      this.numberings.set(dimension, numbering);
    }
    return numbering;
  }

  /**
   * Reads the codes above the highest held: joins the read running, or (`fresh`) waits for it and starts another,
   * which sees every code added before this call.
   */
  private async read(numbering: Numbering, dimension: string, fresh: boolean): Promise<void> {
    if (numbering.reading && fresh) await numbering.reading.catch(() => undefined);
    numbering.reading ??= this.readAbove(numbering, dimension).finally(() => (numbering.reading = null));
    await numbering.reading;
  }

  private async readAbove(numbering: Numbering, dimension: string): Promise<void> {
    const rows = await this.database.query(
      `SELECT code, value FROM dictionary WHERE dimension = '${dimension.replace(/'/g, "''")}' AND code > ${numbering.top} ORDER BY code`,
    );
    for (const row of rows) {
      const code = Number(row.code);
      const value = row.value as string;
      numbering.values[code] = value;
      numbering.codes?.set(value, code);
      if (code > numbering.top) numbering.top = code;
    }
  }
}
