import type { PersonView } from '@ganxun/domain';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/debounce';
import { usePeoplePick } from './api';

/**
 * Picks one person from those the reader may see (the server scopes the list: a liaison sees their
 * unit's people), searched by name or pinyin; each option shows name, unit and post.
 */
export function PersonPicker({
  value,
  onChange,
  exclude = [],
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined, person?: PersonView) => void;
  /** People already nominated, shown disabled. */
  exclude?: readonly string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const people = usePeoplePick(q);
  // The picked person stays an option when a later search no longer finds them.
  const [picked, setPicked] = useState<PersonView | undefined>();
  const found = people.data?.items ?? [];
  const items =
    picked && value === picked.id && !found.some((p) => p.id === picked.id) ? [picked, ...found] : found;

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      placeholder={t('nominations.nominate.personPlaceholder')}
      loading={people.isFetching}
      onChange={(id: string | undefined) => {
        const person = items.find((p) => p.id === id);
        setPicked(person);
        onChange?.(id, person);
      }}
      options={items.map((p) => ({
        value: p.id,
        label: p.name,
        disabled: exclude.includes(p.id),
        person: p,
      }))}
      optionRender={(option) => {
        const p = (option.data as { person: PersonView }).person;
        return (
          <div data-testid="person-option">
            <Typography.Text strong>{p.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {[p.unitName, p.post].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
