// Two records field by field, the differences marked (a different value, or a value on one side only).
import type { MethodOutput } from '../../../engine/api/methods.js';

type Item = NonNullable<MethodOutput<'review.next'>['item']>;

const LABELS: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  full_name: 'Full name',
  date_of_birth: 'Date of birth',
  email: 'Email',
  phone: 'Phone',
  address_line: 'Address',
  city: 'City',
  postcode: 'Postcode',
  country: 'Country',
  company: 'Company',
};

export function RecordsSideBySide({ item }: { item: Item }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact review-records" aria-label="The two records side by side" data-testid="review-records">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col" data-testid="review-record-a">
              Record {item.a.id} · {item.a.source}
              {item.a.sourceKey ? ` · ${item.a.sourceKey}` : ''}
            </th>
            <th scope="col" data-testid="review-record-b">
              Record {item.b.id} · {item.b.source}
              {item.b.sourceKey ? ` · ${item.b.sourceKey}` : ''}
            </th>
          </tr>
        </thead>
        <tbody>
          {item.fields
            .filter((f) => f.state !== 'empty')
            .map((f) => {
              const cls = f.state === 'different' ? 'is-different' : f.state === 'missing' ? 'is-missing' : '';
              const mark = f.state === 'different' ? ' (differs)' : f.state === 'missing' ? ' (one side only)' : '';
              return (
                <tr key={f.name} data-testid="review-field" data-state={f.state}>
                  <th scope="row">
                    {LABELS[f.name] ?? f.name}
                    <span className="sr-only">{mark}</span>
                  </th>
                  <td className={cls}>{f.a ?? '—'}</td>
                  <td className={cls}>{f.b ?? '—'}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
