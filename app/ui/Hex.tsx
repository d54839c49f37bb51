import { CopyButton } from "./CopyButton.tsx";

/**
 * A digest or an address: monospace, wraps on small screens, with a copy button.
 * `label` names what it is for screen readers and the copy button ("image ID", …).
 */
export function Hex({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <span className="hex">
      <code data-testid={testId} title={value}>
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
