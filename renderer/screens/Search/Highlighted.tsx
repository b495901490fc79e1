// A value with its matched parts in <mark>: text nodes only, never HTML.
import { fragments } from './highlight.js';

export function Highlighted({ value, spans }: { value: string; spans: readonly (readonly [number, number])[] }) {
  return (
    <>
      {fragments(value, spans).map((f, i) => (f.hit ? <mark key={i}>{f.text}</mark> : <span key={i}>{f.text}</span>))}
    </>
  );
}
