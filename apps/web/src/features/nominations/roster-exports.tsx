import { ContactsOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import { App, Button, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { useGroups } from './api';
import { classDates, defaultSheetDate } from './logic';

/** The roster's downloads: 花名册 and 通讯录 as xlsx, the day's 签到表 as PDF. */
export function RosterExports({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const groups = useGroups(cls.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const days = classDates(cls.startDate, cls.endDate);
  const [date, setDate] = useState<string | undefined>();
  const [groupId, setGroupId] = useState<string | undefined>();

  const download = async (
    key: string,
    path: string,
    name: string,
    query?: Record<string, string | undefined>,
  ) => {
    setBusy(key);
    try {
      await downloadFile(`/classes/${cls.id}/${path}`, name, query);
      return true;
    } catch (error) {
      void message.error(errorText(error, t));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const openSheet = () => {
    setDate(defaultSheetDate(days, dayjs().format('YYYY-MM-DD')));
    setGroupId(undefined);
    setSheetOpen(true);
  };

  if (!can('roster.export')) return null;
  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'roster'}
        onClick={() => void download('roster', 'roster.xlsx', `${cls.code}-roster.xlsx`)}
        data-testid="export-roster"
      >
        {t('nominations.roster.exportRoster')}
      </Button>
      {can('roster.contacts') ? (
        <Button
          icon={<ContactsOutlined />}
          loading={busy === 'contacts'}
          onClick={() => void download('contacts', 'contacts.xlsx', `${cls.code}-contacts.xlsx`)}
          data-testid="export-contacts"
        >
          {t('nominations.roster.exportContacts')}
        </Button>
      ) : null}
      <Button icon={<FilePdfOutlined />} onClick={openSheet} data-testid="export-sign-in">
        {t('nominations.roster.exportSignIn')}
      </Button>
      <Modal
        open={sheetOpen}
        title={t('nominations.roster.signInTitle')}
        okText={t('nominations.roster.download')}
        okButtonProps={
          { disabled: !date, loading: busy === 'sheet', 'data-testid': 'sign-in-download' } as ButtonProps
        }
        onOk={async () => {
          if (!date) return;
          const ok = await download('sheet', 'sign-in-sheet.pdf', `${cls.code}-sign-in-${date}.pdf`, {
            date,
            groupId,
          });
          if (ok) setSheetOpen(false);
        }}
        onCancel={() => setSheetOpen(false)}
      >
        {days.length === 0 ? (
          <Typography.Text type="warning">{t('nominations.roster.noDates')}</Typography.Text>
        ) : (
          <Form layout="vertical">
            <Form.Item label={t('nominations.roster.signInDate')}>
              <DatePicker
                value={date ? dayjs(date) : null}
                onChange={(d: Dayjs | null) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
                disabledDate={(d) => !days.includes(d.format('YYYY-MM-DD'))}
                defaultPickerValue={days[0] ? dayjs(days[0]) : undefined}
                style={{ width: '100%' }}
                data-testid="sign-in-date"
              />
            </Form.Item>
            <Form.Item label={t('nominations.roster.signInGroup')}>
              <Select
                allowClear
                placeholder={t('nominations.roster.allGroups')}
                value={groupId}
                onChange={(v: string | undefined) => setGroupId(v)}
                options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
