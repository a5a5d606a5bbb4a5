import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsDestinationUrl, trim } from './link-validators';

/** One destination of an A/B test. */
export class TestVariantDto {
  /** A destination, with the same rules as the link's `url`; unique among the link's variants. */
  @Transform(trim)
  @IsDestinationUrl()
  url: string;

  /** Share of the visitors, in percent: an integer from 1 to 99; the variants' weights sum to 100. */
  @IsInt()
  @Min(1)
  @Max(99)
  weight: number;
}
