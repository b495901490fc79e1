// The default country phones are checked against when they have no country code, saved with the
// workspace (profile.setSettings) and used by every profile run from then on.
const COUNTRIES: [string, string][] = [
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['US', 'United States'],
  ['CA', 'Canada'],
  ['AU', 'Australia'],
  ['NZ', 'New Zealand'],
  ['DE', 'Germany'],
  ['AT', 'Austria'],
  ['CH', 'Switzerland'],
  ['FR', 'France'],
  ['BE', 'Belgium'],
  ['NL', 'Netherlands'],
  ['ES', 'Spain'],
  ['PT', 'Portugal'],
  ['IT', 'Italy'],
  ['SE', 'Sweden'],
  ['NO', 'Norway'],
  ['DK', 'Denmark'],
  ['FI', 'Finland'],
  ['PL', 'Poland'],
  ['IN', 'India'],
  ['ZA', 'South Africa'],
  ['BR', 'Brazil'],
  ['MX', 'Mexico'],
  ['JP', 'Japan'],
  ['CN', 'China'],
  ['SG', 'Singapore'],
];

export function DefaultCountry({ value, onChange }: { value: string; onChange(country: string): void }) {
  const known = COUNTRIES.some(([c]) => c === value);
  return (
    <label className="field-inline" title="Phones without a country code are checked as this country's; saved with the workspace">
      <span>Phones in</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Default phone country">
        {!known && <option value={value}>{value}</option>}
        {COUNTRIES.map(([c, name]) => (
          <option key={c} value={c}>
            {name} ({c})
          </option>
        ))}
      </select>
    </label>
  );
}
