import { useId } from 'react';

interface ChoiceButtonsProps<T extends string> {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}

/**
 * A row of toggle buttons of which one is pressed: a choice that takes effect
 * at once (e.g. how a report is grouped). Each press is a deliberate choice, so
 * moving through the options with the keyboard changes nothing by itself.
 */
export function ChoiceButtons<T extends string>({ label, value, options, onChange }: ChoiceButtonsProps<T>) {
  const id = `choice${useId().replace(/:/g, '')}`;
  return (
    <div className="choice-buttons" role="group" aria-labelledby={id}>
      <p id={id} className="choice-label">
        {label}
      </p>
      <div className="choice-row">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className="choice-button"
            aria-pressed={o.value === value}
            onClick={() => {
              if (o.value !== value) onChange(o.value);
            }}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
