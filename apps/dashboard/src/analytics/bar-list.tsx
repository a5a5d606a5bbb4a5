import { useEffect, useRef, useState } from 'preact/hooks';
import type { Schemas } from '../api';
import { Dialog, Empty, ErrorNotice, Spinner } from '../components/ui';
import { formatNumber } from '../format';
import type { Metric } from './view';

export type Row = Schemas['AnalyticsRowDto'];

/** A row's figure for the chosen metric. */
export const metricOf = (row: { clicks: number; uniqueVisitors: number }, metric: Metric): number =>
  metric === 'clicks' ? row.clicks : row.uniqueVisitors;

export function formatRevenue(revenue: Schemas['AnalyticsRevenueDto'][]): string {
  if (revenue.length === 0) return '0';
  return revenue
    .map((entry) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: entry.currency }).format(entry.amount / 100),
    )
    .join(' + ');
}

export interface BarListProps {
  /** What the rows are ("Referrers"), read by screen readers and the "show all" dialog. */
  caption: string;
  rows: Row[];
  metric: Metric;
  /** The row's name as shown ("France" for FR). */
  name: (row: Row) => string;
  /** Click on a row: only that value; from the row's menu: all but that value. Absent: rows are not filters. */
  onFilter?: (row: Row, exclude: boolean) => void;
  /** Every row, for "show all" (the panel holds the top 10 only). */
  loadAll?: () => Promise<Row[]>;
}

/**
 * Rows with their share drawn behind them and their figures right-aligned: the top 10, the rest in a dialog with
 * a search. Leads, sales and revenue columns appear once any row has conversions.
 */
export function BarList(props: BarListProps) {
  const [showAll, setShowAll] = useState(false);
  const rows = [...props.rows].sort((a, b) => metricOf(b, props.metric) - metricOf(a, props.metric));
  if (rows.length === 0) return <Empty>No data for this view.</Empty>;
  return (
    <>
      <Rows {...props} rows={rows.slice(0, 10)} />
      {props.loadAll && (rows.length >= 10 || rows.length < props.rows.length) && (
        <button type="button" class="link-button show-all" onClick={() => setShowAll(true)}>
          Show all {props.caption.toLowerCase()}
        </button>
      )}
      {showAll && (
        <AllRows
          {...props}
          onFilter={
            props.onFilter &&
            ((row, exclude) => {
              setShowAll(false);
              props.onFilter!(row, exclude);
            })
          }
          onClose={() => setShowAll(false)}
        />
      )}
    </>
  );
}

function Rows(props: BarListProps) {
  const { rows, metric } = props;
  const top = Math.max(1, ...rows.map((row) => metricOf(row, metric)));
  const conversions = rows.some((row) => row.leads > 0 || row.sales > 0);
  return (
    <div class="bar-list" role="table" aria-label={props.caption}>
      <div class="bar-row bar-head" role="row">
        <span role="columnheader">{props.caption}</span>
        <span role="columnheader" class="number">
          {metric === 'clicks' ? 'Clicks' : 'Visitors'}
        </span>
        {conversions && (
          <>
            <span role="columnheader" class="number">
              Leads
            </span>
            <span role="columnheader" class="number">
              Sales
            </span>
            <span role="columnheader" class="number">
              Revenue
            </span>
          </>
        )}
      </div>
      {rows.map((row) => (
        <BarRow key={row.value} {...props} row={row} share={metricOf(row, metric) / top} conversions={conversions} />
      ))}
    </div>
  );
}

function BarRow(props: BarListProps & { row: Row; share: number; conversions: boolean }) {
  const { row } = props;
  const name = props.name(row);
  const [menu, setMenu] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    // A click anywhere else, or Escape, closes the row's menu.
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menuRef.current?.contains(event.target as Node))
        setMenu(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menu]);
  return (
    <div class="bar-row" role="row">
      <span class="bar-name" role="cell">
        <span class="bar" style={{ width: `${(props.share * 100).toFixed(1)}%` }} aria-hidden="true" />
        {props.onFilter ? (
          <button
            type="button"
            class="bar-label"
            title={`Filter by ${name}`}
            onClick={() => props.onFilter!(row, false)}
          >
            {name}
          </button>
        ) : (
          <span class="bar-label">{name}</span>
        )}
        {props.onFilter && (
          <div class="row-menu" ref={menuRef}>
            <button
              type="button"
              class="icon row-menu-button"
              aria-label={`More filters for ${name}`}
              aria-expanded={menu}
              onClick={() => setMenu(!menu)}
            >
              ⋯
            </button>
            {menu && (
              <div class="menu" role="menu">
                <button type="button" role="menuitem" onClick={() => props.onFilter!(row, false)}>
                  = Only {name}
                </button>
                <button type="button" role="menuitem" onClick={() => props.onFilter!(row, true)}>
                  ≠ Exclude {name}
                </button>
              </div>
            )}
          </div>
        )}
      </span>
      <span class="number" role="cell">
        {formatNumber(metricOf(row, props.metric))}
      </span>
      {props.conversions && (
        <>
          <span class="number" role="cell">
            {formatNumber(row.leads)}
          </span>
          <span class="number" role="cell">
            {formatNumber(row.sales)}
          </span>
          <span class="number" role="cell">
            {formatRevenue(row.revenue)}
          </span>
        </>
      )}
    </div>
  );
}

function AllRows(props: BarListProps & { onClose: () => void }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [search, setSearch] = useState('');
  useEffect(() => {
    props.loadAll!().then(setRows, setError);
  }, []);
  const needle = search.trim().toLowerCase();
  const shown = (rows ?? []).filter((row) => !needle || props.name(row).toLowerCase().includes(needle));
  return (
    <Dialog title={`All ${props.caption.toLowerCase()}`} onClose={props.onClose} wide>
      <div class="field">
        <input
          type="search"
          aria-label={`Search ${props.caption.toLowerCase()}`}
          placeholder="Search…"
          value={search}
          autoFocus
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!rows && !error && <Spinner />}
      {rows && (shown.length === 0 ? <Empty>Nothing matches “{search}”.</Empty> : <Rows {...props} rows={shown} />)}
    </Dialog>
  );
}
