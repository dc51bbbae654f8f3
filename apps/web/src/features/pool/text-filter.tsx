import { Input } from 'antd';
import { useEffect, useState } from 'react';

/** A text filter that applies on Enter or when the field loses focus. */
export function TextFilter({
  value,
  onChange,
  placeholder,
  width,
  testId,
  digits = false,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  width: number;
  testId: string;
  /** Whole numbers only (anything else typed is dropped). */
  digits?: boolean;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = () => {
    const next = draft.trim() || undefined;
    if (next !== value) onChange(next);
  };
  return (
    <Input
      allowClear
      placeholder={placeholder}
      value={draft}
      maxLength={digits ? 6 : 50}
      inputMode={digits ? 'numeric' : undefined}
      prefix={digits && draft ? '≥' : undefined}
      onChange={(e) => {
        const next = digits ? e.target.value.replace(/\D/g, '').replace(/^0+/, '') : e.target.value;
        setDraft(next);
        if (!next && value) onChange(undefined);
      }}
      onPressEnter={apply}
      onBlur={apply}
      style={{ width, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}
