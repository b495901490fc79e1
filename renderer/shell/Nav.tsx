// Side navigation, grouped; the current screen is marked with aria-current.
import { SCREENS } from './screens.js';
import './shell.css';

export function Nav({ current, onGo }: { current: string; onGo(id: string): void }) {
  const groups = [...new Set(SCREENS.map((s) => s.group))];
  return (
    <nav className="nav" aria-label="Main">
      {groups.map((g) => (
        <div key={g} className="nav-group">
          <h2 className="nav-group-title">{g}</h2>
          <ul>
            {SCREENS.filter((s) => s.group === g).map((s) => (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  className={s.placeholder ? 'nav-link nav-link-soon' : 'nav-link'}
                  aria-current={current === s.id ? 'page' : undefined}
                  title={s.placeholder ? `${s.label}: not built yet` : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    onGo(s.id);
                  }}
                >
                  {s.label}
                  {s.placeholder && <span className="nav-soon">soon</span>}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
