import { useEffect, useRef, useState, type ReactNode } from "react";

/** The width charts are drawn at before the page knows its own (server rendering, exports). */
export const DEFAULT_CHART_WIDTH = 640;
/** Narrowest and widest drawing widths: below, the frame scales the drawing; above, it is centred. */
const MIN_WIDTH = 280;
const MAX_WIDTH = 960;

interface Tip {
  text: string;
  left: number;
  top: number;
  below: boolean;
}

/**
 * A chart's box on the page. It measures its own width and draws the chart at exactly that width
 * (so labels keep their size at 320 px and at 1600 px, and nothing scrolls sideways; before
 * hydration the server's drawing scales to the box). Every chart element with a `data-tip` shows
 * its text in a tooltip next to it on hover, keyboard focus or tap. `table` is the chart's
 * figures as a table (for screen readers and for copying), behind a "show as table" toggle.
 */
export function ChartFrame({
  id,
  children,
  table,
  tableLabel,
  tipTestId,
}: {
  id: string;
  children: (width: number) => ReactNode;
  table?: ReactNode;
  tableLabel?: string;
  tipTestId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const active = useRef<Element | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const w = Math.floor(element.clientWidth);
      if (w > 0) setWidth(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w)));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const show = (target: EventTarget | null) => {
    const element = target instanceof Element ? target.closest("[data-tip]") : null;
    const frame = box.current;
    if (!element || !frame || !frame.contains(element)) return;
    if (active.current && active.current !== element) active.current.removeAttribute("data-active");
    element.setAttribute("data-active", "true");
    active.current = element;
    const r = element.getBoundingClientRect();
    const f = frame.getBoundingClientRect();
    const below = r.top - f.top < 90;
    // Centred on the point, but kept inside the box (the tooltip is at most 90 % of it, 20 rem).
    const half = Math.min(320, f.width * 0.9) / 2;
    setTip({
      text: element.getAttribute("data-tip") ?? "",
      left: Math.max(half + 2, Math.min(f.width - half - 2, r.left - f.left + r.width / 2)),
      top: below ? r.bottom - f.top + 6 : r.top - f.top - 6,
      below,
    });
  };
  const hide = () => {
    active.current?.removeAttribute("data-active");
    active.current = null;
    setTip(null);
  };

  return (
    <div className="chart-frame" data-chart-frame={id} data-measured={width !== null ? "true" : undefined}>
      <div
        ref={box}
        className="chart-box"
        onPointerOver={(e) => show(e.target)}
        onPointerLeave={(e) => (e.pointerType === "mouse" ? hide() : undefined)}
        onFocus={(e) => show(e.target)}
        onBlur={hide}
        onClick={(e) => (e.target instanceof Element && e.target.closest("[data-tip]") ? show(e.target) : hide())}
        onKeyDown={(e) => (e.key === "Escape" ? hide() : undefined)}
      >
        {children(width ?? DEFAULT_CHART_WIDTH)}
        <div
          className={`chart-tip${tip?.below ? " below" : ""}`}
          role="status"
          aria-live="polite"
          data-testid={tipTestId}
          hidden={!tip}
          style={tip ? { left: tip.left, top: tip.top } : undefined}
        >
          {tip?.text}
        </div>
      </div>
      {table ? (
        <details className="chart-data">
          <summary>{tableLabel}</summary>
          {table}
        </details>
      ) : null}
    </div>
  );
}
