/** A bigint column read as a number (counters stay far below 2^53). */
export const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };
