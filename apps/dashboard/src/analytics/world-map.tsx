import { geoEqualEarth, geoPath } from 'd3-geo';
import codes from 'i18n-iso-countries/codes.json';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { formatNumber } from '../format';
import type { Metric } from './view';

const WIDTH = 640;
const HEIGHT = 300;

/** ISO numeric ("250", the atlas's ids) → alpha-2 ("FR", the API's country values). */
const ALPHA2 = new Map((codes as string[][]).map(([alpha2, , numeric]) => [numeric, alpha2]));

/** Every country's outline as an SVG path, computed once (Natural Earth 1:110m, without Antarctica). */
const SHAPES = (() => {
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries);
  const shown = countries.features.filter((country) => country.id !== '010');
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features: shown });
  const path = geoPath(projection);
  return shown.map((country) => ({
    code: ALPHA2.get(String(country.id)) ?? null,
    name: country.properties.name,
    d: path(country) ?? '',
  }));
})();

export interface MapCountry {
  code: string;
  name: string;
  value: number;
}

/**
 * Clicks by country on a world map: shades of the accent colour by share of the busiest country. Drawn from the
 * world-atlas package bundled with the dashboard: no tiles, no request to anyone.
 */
export default function WorldMap(props: { countries: MapCountry[]; metric: Metric }) {
  const byCode = new Map(props.countries.map((country) => [country.code, country]));
  const top = Math.max(1, ...props.countries.map((country) => country.value));
  const unit = props.metric === 'clicks' ? 'clicks' : 'unique visitors';
  return (
    <figure class="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Map of ${unit} by country`}>
        {SHAPES.map((shape, index) => {
          const country = shape.code ? byCode.get(shape.code) : undefined;
          const share = country ? country.value / top : 0;
          return (
            <path
              key={index}
              d={shape.d}
              class={country && country.value > 0 ? 'country active' : 'country'}
              data-country={shape.code ?? undefined}
              style={country && country.value > 0 ? { fillOpacity: 0.25 + 0.75 * share } : undefined}
            >
              <title>{country ? `${country.name}: ${formatNumber(country.value)} ${unit}` : shape.name}</title>
            </path>
          );
        })}
      </svg>
    </figure>
  );
}
