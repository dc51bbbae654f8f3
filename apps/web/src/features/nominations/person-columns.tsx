import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';

/** What a nominee or trainee row shows of the person. */
interface RowPerson {
  gender: string | null;
  unitName: string | null;
  post: string | null;
}

/**
 * The gender, unit and post columns of the nominations list and the roster: the same person, read
 * from a nomination or an enrolment row.
 */
export function personColumns<T extends { person: RowPerson }>(t: TFunction): ColumnsType<T> {
  return [
    {
      title: t('nominations.columns.gender'),
      key: 'gender',
      render: (_, row) =>
        row.person.gender
          ? t(`nominations.gender.${row.person.gender}` as 'nominations.gender.male', {
              defaultValue: row.person.gender,
            })
          : '—',
    },
    { title: t('nominations.columns.unit'), key: 'unit', render: (_, row) => row.person.unitName ?? '—' },
    { title: t('nominations.columns.post'), key: 'post', render: (_, row) => row.person.post ?? '—' },
  ];
}
