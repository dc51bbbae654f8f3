import type { ClassView, LecturerView, VenueView } from '@ganxun/domain';
import { Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/debounce';
import { useClassSearch, useLecturerSearch, useVenueSearch } from './api';

/** An option already picked (from the item being edited) that a search may not bring back. */
export interface KnownOption {
  value: string;
  label: string;
}

function merge<T extends { id: string }>(
  found: T[],
  known: KnownOption | undefined,
  value: string | undefined,
): (T | KnownOption)[] {
  if (!value || !known || known.value !== value || found.some((f) => f.id === value)) return found;
  return [known, ...found];
}

/** Picks a venue of the pool, searched by name; each option shows its kind and capacity. */
export function VenuePicker({
  value,
  onChange,
  known,
  testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  known?: KnownOption;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const venues = useVenueSearch(q);
  const [picked, setPicked] = useState<KnownOption | undefined>(known);
  const items = merge(venues.data?.items ?? [], picked ?? known, value ?? undefined);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value ?? undefined}
      placeholder={t('timetable.drawer.venuePlaceholder')}
      loading={venues.isFetching}
      onChange={(id: string | undefined) => {
        const venue = items.find((v) => ('id' in v ? v.id : v.value) === id);
        if (venue) setPicked('id' in venue ? { value: venue.id, label: venue.name } : venue);
        onChange?.(id ?? null);
      }}
      options={items.map((v) => ('id' in v ? { value: v.id, label: v.name, venue: v } : { ...v }))}
      optionRender={(option) => {
        const venue = (option.data as { venue?: VenueView }).venue;
        if (!venue) return option.label;
        return (
          <div data-testid="venue-option">
            <Typography.Text>{venue.name}</Typography.Text>
            <Tag style={{ marginInlineStart: 8 }}>{t(`pool.venueKind.${venue.kind}`)}</Tag>
            {venue.capacity !== null ? (
              <Typography.Text type="secondary">
                {t('timetable.drawer.seats', { count: venue.capacity })}
              </Typography.Text>
            ) : null}
            {venue.cityName ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {venue.cityName}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}

/** Picks a lecturer of the pool, searched by name, affiliation or expertise. */
export function LecturerPicker({
  value,
  onChange,
  known,
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  known?: KnownOption;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const lecturers = useLecturerSearch(q);
  const [picked, setPicked] = useState<KnownOption | undefined>(known);
  const items = merge(lecturers.data?.items ?? [], picked ?? known, value);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      placeholder={t('timetable.drawer.lecturerPlaceholder')}
      loading={lecturers.isFetching}
      onChange={(id: string | undefined) => {
        const lecturer = items.find((l) => ('id' in l ? l.id : l.value) === id);
        if (lecturer) setPicked('id' in lecturer ? { value: lecturer.id, label: lecturer.name } : lecturer);
        onChange?.(id);
      }}
      options={items.map((l) => ('id' in l ? { value: l.id, label: l.name, lecturer: l } : { ...l }))}
      optionRender={(option) => {
        const lecturer = (option.data as { lecturer?: LecturerView }).lecturer;
        if (!lecturer) return option.label;
        return (
          <div data-testid="lecturer-option">
            <Typography.Text>{lecturer.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {[lecturer.title, lecturer.affiliation].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        );
      }}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

/** Picks another class (to copy its timetable), searched by name or code. */
export function ClassPicker({
  value,
  onChange,
  excludeId,
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  excludeId: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const classes = useClassSearch(q);
  const items = (classes.data?.items ?? []).filter((c) => c.id !== excludeId);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      placeholder={t('timetable.copy.classPlaceholder')}
      loading={classes.isFetching}
      onChange={(id: string | undefined) => onChange?.(id)}
      options={items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}`, cls: c }))}
      optionRender={(option) => {
        const cls = (option.data as { cls: ClassView }).cls;
        return (
          <div>
            <Typography.Text className="gx-mono">{cls.code}</Typography.Text>{' '}
            <Typography.Text>{cls.name}</Typography.Text>
            {cls.startDate ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {cls.startDate}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
