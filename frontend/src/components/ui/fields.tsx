import { useId, type ChangeEvent, type ReactNode, type Ref } from 'react';

interface BaseProps {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** The id used by error summary links; defaults to a generated one. */
  id?: string;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown) {
  const ids = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Message({ id, error, hint }: { id: string; error?: string | undefined; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'url' | 'search';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  min?: number | string;
  max?: number | string;
  requiredMark?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField(props: TextFieldProps) {
  const gen = useId();
  const id = props.id ?? `f${gen.replace(/:/g, '')}`;
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required && props.requiredMark ? <span className="required-mark"> {props.requiredMark}</span> : null}
      </label>
      <Message id={id} error={props.error} hint={props.hint} />
      <input
        id={id}
        ref={props.inputRef}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        list={props.list}
        aria-required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      />
    </div>
  );
}

interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const gen = useId();
  const id = props.id ?? `f${gen.replace(/:/g, '')}`;
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <Message id={id} error={props.error} hint={props.hint} />
      <textarea
        id={id}
        ref={props.inputRef}
        name={props.name}
        rows={props.rows ?? 4}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  /** The language of the label, when it differs from the page's. */
  lang?: string;
}

interface SelectFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** A first option with an empty value, e.g. "Any city". */
  emptyLabel?: string;
}

export function SelectField(props: SelectFieldProps) {
  const gen = useId();
  const id = props.id ?? `f${gen.replace(/:/g, '')}`;
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <Message id={id} error={props.error} hint={props.hint} />
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxFieldProps {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const gen = useId();
  const id = `f${gen.replace(/:/g, '')}`;
  return (
    <div className="field checkbox-field">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

interface RadioGroupProps {
  legend: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<Option & { hint?: string }>;
  hint?: ReactNode;
}

export function RadioGroup(props: RadioGroupProps) {
  const gen = useId();
  const id = `f${gen.replace(/:/g, '')}`;
  return (
    <fieldset className="field radio-group" aria-describedby={props.hint ? `${id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.options.map((o) => {
        const oid = `${id}-${o.value}`;
        return (
          <div className="radio" key={o.value}>
            <input
              type="radio"
              id={oid}
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
              aria-describedby={o.hint ? `${oid}-hint` : undefined}
            />
            <label htmlFor={oid}>{o.label}</label>
            {o.hint ? (
              <p className="field-hint" id={`${oid}-hint`}>
                {o.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
