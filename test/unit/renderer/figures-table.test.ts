// The shared figures table and unit-square chart frame, rendered to markup (no browser): row
// headers, right-aligned numbers, per-cell test ids, footer rows; the frame's ticks follow the locale.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { CurveChart } from '../../../renderer/components/charts/CurveChart.js';
import { ReliabilityChart } from '../../../renderer/components/charts/ReliabilityChart.js';
import { FiguresTable, type FigureColumn } from '../../../renderer/components/FiguresTable.js';
import { fmtInt, setLocale } from '../../../renderer/components/format.js';

interface Row {
  name: string;
  n: number;
}
const columns: FigureColumn<Row>[] = [
  { label: 'Name', rowHeader: true, format: (r) => r.name },
  { label: 'Count', align: 'right', format: (r) => fmtInt(r.n), testId: (r) => `count-${r.name}` },
];

afterEach(() => setLocale(undefined));

describe('FiguresTable', () => {
  it('writes row headers, right-aligned numbers, test ids, row attributes and footer rows', () => {
    const html = renderToStaticMarkup(
      createElement(FiguresTable<Row>, {
        label: 'Counts',
        columns,
        rows: [{ name: 'a', n: 1234 }],
        footRows: [{ name: 'total', n: 1234 }],
        rowKey: (r) => r.name,
        rowProps: (r) => ({ data: { name: r.name } }),
        scroll: 'extra',
      }),
    );
    expect(html).toContain('<div class="table-scroll extra"><table class="table table-compact" aria-label="Counts">');
    expect(html).toContain('<th scope="col" class="num">Count</th>');
    expect(html).toContain('<tr data-name="a"><th scope="row">a</th><td class="num" data-testid="count-a">1,234</td></tr>');
    expect(html).toContain('<tfoot><tr data-name="total"><th scope="row">total</th>');
  });
});

describe('UnitSquareFrame (ROC and calibration charts)', () => {
  it('draws the same frame in both charts, with ticks in the locale', () => {
    setLocale('de-DE');
    const curve = renderToStaticMarkup(createElement(CurveChart, { title: 'ROC', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], xLabel: 'FPR', yLabel: 'TPR', reference: 'diagonal' }));
    const rel = renderToStaticMarkup(createElement(ReliabilityChart, { title: 'Calibration', bins: [{ lo: 0, hi: 0.5, count: 3, meanPredicted: 0.2, observedRate: 0.3 }] }));
    const ticks = (html: string) => [...html.matchAll(/class="chart-tick">([^<]*)</g)].map((m) => m[1]);
    expect(ticks(curve)).toEqual(['0', '0', '0,25', '0,25', '0,5', '0,5', '0,75', '0,75', '1', '1']);
    expect(ticks(rel)).toEqual(ticks(curve));
    expect(curve).toContain('<li><span class="swatch swatch-dashed"></span>No skill</li>');
    expect(rel).toContain('<li><span class="swatch swatch-dashed"></span>Perfect calibration</li>');
  });
});
