/**
 * How a figure is computed, behind a small "i" next to its plain name: shown on hover, keyboard
 * focus or tap (CSS :hover/:focus-within), read by screen readers as the button's description.
 * Hidden when printing.
 */
export function FormulaTip({ text, label }: { text: string; label: string }) {
  return (
    <span className="formula-tip no-print">
      <button type="button" className="formula-button" aria-label={`${label}: ${text}`}>
        i
      </button>
      <span className="formula-text" role="tooltip">
        {text}
      </span>
    </span>
  );
}
