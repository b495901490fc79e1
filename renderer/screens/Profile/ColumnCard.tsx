// One column's profile: type, PII, null / blank shares, distinct count, top values, length and
// numeric histograms, dates, value shapes and validity.
import type { ColumnProfile } from '../../../engine/api/profile-types.js';
import { BarList } from '../../components/charts/BarList.js';
import { Histogram } from '../../components/charts/Histogram.js';
import { StackedShare } from '../../components/charts/StackedShare.js';
import { filterNum, fmtInt, fmtNumber } from '../../components/format.js';
import { useBrowse } from './browse.js';
import { ColumnValidity } from './ColumnValidity.js';
import { DateFormatSetting } from './DateFormatSetting.js';
import { ColumnTypeBadge, ColumnTypeSetting } from './ColumnTypeSetting.js';
import { columnAnchor } from './ColumnsOverview.js';
import { PiiBadge } from './PiiBadge.js';
import { ShapesTable } from './ShapesTable.js';

export function ColumnCard({ column: c, country }: { column: ColumnProfile; country: string }) {
  const id = columnAnchor(c);
  const browse = useBrowse(c);
  return (
    <article className="card column-card" id={id} aria-labelledby={`${id}-title`} data-column={c.name} data-source={c.source?.name}>
      <header className="column-head">
        <h3 id={`${id}-title`}>{c.name}</h3>
        <ColumnTypeBadge column={c} />
        <PiiBadge pii={c.pii} />
        {c.feeds.length > 0 && <span className="muted small">feeds {c.feeds.join(', ')}</span>}
        {!c.declared && <span className="badge badge-cancelled">not in the import's columns</span>}
      </header>
      <div className="column-body">
        <div className="column-col">
          <StackedShare
            title={`Fill of ${fmtInt(c.rows)} rows`}
            parts={[
              { label: 'Filled', value: c.nonBlank, tone: 'accent' },
              { label: 'Blank', value: c.blanks, tone: 'warn' },
              { label: 'Null', value: c.nulls, tone: 'muted' },
            ]}
          />
          <p className="small">
            <strong data-testid="distinct">{fmtInt(c.distinct.count)}</strong> distinct values{!c.distinct.exact && <span className="muted"> (approx.)</span>}
            {c.untrimmed > 0 && <span className="muted"> · {fmtInt(c.untrimmed)} with leading or trailing spaces</span>}
          </p>
          <BarList
            title={`Top values${c.topValues.exact ? '' : ' (approx.)'}`}
            items={c.topValues.values.slice(0, 8).map((v) => ({ label: v.value, value: v.count }))}
            of={c.nonBlank}
            {...(browse && { onSelect: (it: { label: string }) => browse(c, `=${it.label}`), hint: (it: { label: string }) => `Show the rows where ${c.name} is ${it.label}` })}
          />
          <ColumnValidity column={c} country={country} />
          <DateFormatSetting column={c} />
          <ColumnTypeSetting column={c} />
        </div>
        <div className="column-col">
          {c.length && (
            <Histogram title="Length" bins={c.length.histogram} integer note={`${c.length.min}–${c.length.max} characters, mean ${fmtNumber(c.length.mean)}`} />
          )}
          {c.numeric && (
            <Histogram
              title="Numeric values"
              bins={c.numeric.histogram}
              integer={c.inferredType === 'integer'}
              note={`${fmtNumber(c.numeric.min)} to ${fmtNumber(c.numeric.max)}, mean ${fmtNumber(c.numeric.mean)}${c.numeric.histogramExact ? '' : ', approx.'}`}
              {...(browse && { onSelectBin: (b: { from: number; to: number }) => browse(c, `${filterNum(b.from)}..${filterNum(b.to)}`) })}
            />
          )}
          <ShapesTable column={c} />
        </div>
      </div>
    </article>
  );
}
