export class RevenueDto {
  /** ISO 4217. */
  currency: string;
  /** Sum of the sales in minor units. */
  amount: number;
}

export class ConversionTotalsDto {
  /** Clicks by people (bots excluded), from the analytics store, in whole hours. */
  clicks: number;
  leads: number;
  sales: number;
  /** One entry per currency, largest first. */
  revenue: RevenueDto[];
}

export class ConversionRatesDto extends ConversionTotalsDto {
  /** leads / clicks; null without clicks. */
  clickToLeadRate: number | null;
  /** sales / leads; null without leads. */
  leadToSaleRate: number | null;
}

export class LinkConversionsDto extends ConversionRatesDto {
  linkId: string;
  domain: string;
  slug: string;
}

export class DailyConversionsDto extends ConversionTotalsDto {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
}

export class ConversionSummaryDto extends ConversionRatesDto {
  /** Start of the range (inclusive). */
  start: string;
  /** End of the range (exclusive). */
  end: string;
  /** Links with the most sales, then leads (`top` of them); conversions of deleted links count only in the totals. */
  links: LinkConversionsDto[];
  /** Every UTC day of the range, oldest first, days without activity included. */
  series: DailyConversionsDto[];
}
