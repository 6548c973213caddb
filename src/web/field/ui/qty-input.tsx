// A quantity box for the order and audit screens.
import { useEffect, useState } from "react";
import { parseQty } from "../model/money-input.ts";

/**
 * A whole-number input that keeps what is being typed (an empty box, Bengali digits) and reports a number only
 * when the text is one; leaving the box shows the last good value again.
 */
export function QtyInput(props: {
  value: number | null;
  onChange: (value: number | null) => void;
  allowEmpty?: boolean;
  label: string;
  testId?: string;
  className?: string;
}) {
  const shown = props.value === null ? "" : String(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => {
    setText((current) => (parseQty(current) === props.value ? current : shown));
  }, [props.value, shown]);
  return (
    <input
      className={`input qty ${props.className ?? ""}`}
      inputMode="numeric"
      value={text}
      aria-label={props.label}
      data-testid={props.testId}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        const q = parseQty(v);
        if (q !== null) props.onChange(q);
        else if (v.trim() === "" && props.allowEmpty) props.onChange(null);
      }}
      onBlur={() => setText(shown)}
    />
  );
}
