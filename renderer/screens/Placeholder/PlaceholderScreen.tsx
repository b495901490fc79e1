// A capability that is not built yet: what it will do, briefly.
export function PlaceholderScreen({ title, summary, points }: { title: string; summary: string; points: string[] }) {
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{title}</h1>
        <p className="hint">{summary}</p>
      </header>
      <section className="card placeholder" aria-label={`${title}: coming`}>
        <span className="badge">Coming</span>
        <ul>
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
