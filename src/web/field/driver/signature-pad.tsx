// A signature box for the receiver: pointer events, so a finger, a stylus and a mouse all draw; the canvas keeps
// its pixels at the device's resolution, and the signature leaves as a PNG data URL on a white background (it is
// printed and shown on white, and a transparent PNG would vanish on a dark viewer).
import { type PointerEvent, useCallback, useEffect, useRef } from "react";

export interface SignaturePadProps {
  /** Called with the PNG data URL after each stroke, and with null when cleared. */
  onChange: (dataUrl: string | null) => void;
  label: string;
  clearLabel: string;
  height?: number;
}

export function SignaturePad({ onChange, label, clearLabel, height = 180 }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const inked = useRef(false);

  const paper = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    const { width } = canvas.getBoundingClientRect();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#102a43";
    inked.current = false;
  }, [height]);

  useEffect(() => {
    paper();
  }, [paper]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = p;
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    // A tap is a dot.
    ctx.beginPath();
    ctx.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = "#102a43";
    ctx.fill();
  };

  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const from = drawing.current;
    if (!from) return;
    e.preventDefault();
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    const to = point(e);
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    drawing.current = to;
    inked.current = true;
  };

  const up = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    onChange(inked.current ? e.currentTarget.toDataURL("image/png") : null);
  };

  return (
    <div className="signature">
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        style={{ height }}
        aria-label={label}
        role="img"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid="driver-signature"
      />
      <div className="signature-foot">
        <span className="muted small">{label}</span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            paper();
            onChange(null);
          }}
          data-testid="driver-signature-clear"
        >
          {clearLabel}
        </button>
      </div>
    </div>
  );
}
