import {
  BranchesOutlined,
  CalendarOutlined,
  CopyOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  HistoryOutlined,
  LinkOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type FullCalendar from '@fullcalendar/react';
import type { ClassView, SessionView, TimetableView } from '@ganxun/domain';
import { Alert, App, Button, Dropdown, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { useFeedSubscribe } from '../schedule/feeds';
import { Agenda } from './agenda';
import { checkSession, useTimetable, useUpdateSession } from './api';
import { TimetableCalendar } from './calendar';
import { ChangesDrawer } from './changes-drawer';
import { ConflictsPanel } from './conflicts-panel';
import {
  conflictsOf,
  defaultSlot,
  fromCalendarDate,
  sessionBody,
  severityBySession,
  toCalendarDate,
} from './logic';
import { CopyModal, PublishModal, ShiftModal, TemplateModal } from './modals';
import { type DrawerTarget, SessionDrawer } from './session-drawer';
import './timetable.css';

/** Status tag, item count and total 学时. */
function Summary({ timetable }: { timetable: TimetableView }) {
  const { t } = useTranslation();
  const published = timetable.status === 'published';
  return (
    <Flex gap={8} align="center" wrap>
      <Tag color={published ? 'green' : 'default'} data-testid="timetable-status">
        {published
          ? t('timetable.status.published', { version: timetable.publishedVersion })
          : t('timetable.status.draft')}
      </Tag>
      {published && timetable.changesSincePublished > 0 ? (
        <Tag color="orange" data-testid="timetable-changes-since">
          {t('timetable.changesSince', { count: timetable.changesSincePublished })}
        </Tag>
      ) : null}
      <Typography.Text type="secondary" data-testid="timetable-summary">
        {t('timetable.summary', { count: timetable.items.length, hours: timetable.totalHours })}
      </Typography.Text>
    </Flex>
  );
}

/** PDF / xlsx / .ics downloads of the timetable, and a calendar feed of the class (URL shown once). */
function ExportMenu({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const subscribe = useFeedSubscribe({ scope: 'class', classId: cls.id }, t('timetable.feed.hint'));
  const download = (ext: 'pdf' | 'xlsx' | 'ics') =>
    downloadFile(`/classes/${cls.id}/timetable.${ext}`, `${cls.code}-timetable.${ext}`).catch((error) =>
      message.error(errorText(error, t)),
    );
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'pdf', icon: <FilePdfOutlined />, label: t('timetable.toolbar.exportPdf') },
            { key: 'xlsx', icon: <FileExcelOutlined />, label: t('timetable.toolbar.exportXlsx') },
            { key: 'ics', icon: <CalendarOutlined />, label: t('timetable.toolbar.exportIcs') },
            { type: 'divider' },
            {
              key: 'feed',
              icon: <LinkOutlined />,
              label: <span data-testid="timetable-subscribe">{t('timetable.toolbar.subscribe')}</span>,
            },
          ],
          onClick: ({ key }) => {
            if (key === 'feed') subscribe.start();
            else void download(key as 'pdf' | 'xlsx' | 'ics');
          },
        }}
      >
        <Button icon={<DownloadOutlined />} loading={subscribe.pending} data-testid="timetable-export">
          {t('timetable.toolbar.export')}
        </Button>
      </Dropdown>
      {subscribe.modal}
    </>
  );
}

type ModalKey = 'publish' | 'shift' | 'copy' | 'template' | 'changes';

/** The editor: toolbar, the calendar, the conflicts panel, and the drawer and dialogs. */
function TimetableEditor({ cls, timetable }: { cls: ClassView; timetable: TimetableView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const calendar = useRef<FullCalendar>(null);
  const update = useUpdateSession(cls.id);
  const [target, setTarget] = useState<DrawerTarget | null>(null);
  const [dialog, setDialog] = useState<ModalKey | null>(null);
  const severity = useMemo(() => severityBySession(timetable.conflicts), [timetable.conflicts]);
  const close = () => setDialog(null);

  const open = (session: SessionView) => {
    // Bring the item into view when the calendar shows other days (a finding clicked in the panel).
    const api = calendar.current?.getApi();
    const at = toCalendarDate(session.startsAt);
    if (api && (at < api.view.activeStart || at >= api.view.activeEnd)) api.gotoDate(at);
    setTarget({ session });
  };

  const move = async (session: SessionView, start: Date, end: Date, revert: () => void) => {
    const startsAt = fromCalendarDate(start);
    const endsAt = fromCalendarDate(end);
    const refuse = (text: string) => {
      revert();
      modal.error({ title: t('timetable.move.refusedTitle'), content: text });
    };
    try {
      const check = await checkSession(cls.id, {
        sessionId: session.id,
        ...sessionBody(session),
        startsAt,
        endsAt,
      });
      const elsewhere = check.conflicts.filter((c) => c.severity === 'error' && c.otherClass);
      if (elsewhere.length > 0) return refuse(elsewhere.map((c) => c.message).join('\n'));
    } catch {
      // The check is advisory: the write itself is judged by the server below.
    }
    try {
      const result = await update.mutateAsync({
        id: session.id,
        version: session.version,
        startsAt,
        endsAt,
        acknowledge: [],
      });
      if (result.conflicts.length > 0) {
        void message.warning(t('timetable.drawer.savedWithConflicts', { count: result.conflicts.length }));
      } else void message.success(t('timetable.move.moved'));
    } catch (error) {
      refuse(errorText(error, t));
    }
  };

  const published = timetable.status === 'published';
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Summary timetable={timetable} />
        <Flex gap={8} wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setTarget({ session: null, ...defaultSlot(cls.startDate, dayjs().format('YYYY-MM-DD')) })
            }
            data-testid="timetable-create"
          >
            {t('timetable.toolbar.create')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => setDialog('publish')}
            data-testid="timetable-publish"
          >
            {published ? t('timetable.toolbar.republish') : t('timetable.toolbar.publish')}
          </Button>
          <Button
            icon={<BranchesOutlined />}
            onClick={() => setDialog('shift')}
            data-testid="timetable-shift"
          >
            {t('timetable.toolbar.shift')}
          </Button>
          <Button icon={<CopyOutlined />} onClick={() => setDialog('copy')} data-testid="timetable-copy">
            {t('timetable.toolbar.copy')}
          </Button>
          <Button
            icon={<HistoryOutlined />}
            onClick={() => setDialog('changes')}
            data-testid="timetable-changes-open"
          >
            {t('timetable.toolbar.changes')}
          </Button>
          <Button
            icon={<SaveOutlined />}
            onClick={() => setDialog('template')}
            data-testid="timetable-save-template"
          >
            {t('timetable.toolbar.saveTemplate')}
          </Button>
          <ExportMenu cls={cls} />
        </Flex>
      </Flex>
      {!cls.startDate ? <Alert type="info" showIcon title={t('timetable.noDates')} /> : null}
      <Flex gap={16} wrap align="flex-start">
        <div className="gx-tt-main">
          <TimetableCalendar
            ref={calendar}
            cls={cls}
            items={timetable.items}
            severity={severity}
            editable
            onSelect={(start, end) =>
              setTarget({ session: null, startsAt: fromCalendarDate(start), endsAt: fromCalendarDate(end) })
            }
            onOpen={open}
            onMove={(s, start, end, revert) => void move(s, start, end, revert)}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timetable.items.length === 0 ? `${t('timetable.emptyHint')} · ` : ''}
            {t('timetable.chinaTime')}
          </Typography.Text>
        </div>
        <div className="gx-tt-side">
          <ConflictsPanel conflicts={timetable.conflicts} items={timetable.items} onOpen={open} />
        </div>
      </Flex>
      <SessionDrawer
        cls={cls}
        target={target}
        conflicts={target?.session ? conflictsOf(timetable.conflicts, target.session.id) : []}
        onClose={() => setTarget(null)}
      />
      <PublishModal cls={cls} timetable={timetable} open={dialog === 'publish'} onClose={close} />
      <ShiftModal cls={cls} timetable={timetable} open={dialog === 'shift'} onClose={close} />
      <CopyModal cls={cls} open={dialog === 'copy'} onClose={close} />
      <TemplateModal cls={cls} open={dialog === 'template'} onClose={close} />
      <ChangesDrawer classId={cls.id} open={dialog === 'changes'} onClose={close} />
    </Flex>
  );
}

/** The class's timetable: a calendar editor for staff, the published programme for everyone else. */
export function TimetableTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const query = useTimetable(cls.id);
  const timetable = query.data;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!timetable) return <Alert type="error" showIcon title={errorText(query.error, t)} />;
  if (timetable.canEdit) return <TimetableEditor cls={cls} timetable={timetable} />;
  if (timetable.status !== 'published' && timetable.items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('timetable.notPublished')}</Typography.Text>
            <Typography.Text type="secondary">{t('timetable.notPublishedHint')}</Typography.Text>
          </Flex>
        }
        data-testid="timetable-unpublished"
      />
    );
  }
  return (
    <Flex vertical gap={12}>
      {cls.canEdit ? <Alert type="info" showIcon title={t('timetable.readOnly')} /> : null}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Summary timetable={timetable} />
        {timetable.status === 'published' ? <ExportMenu cls={cls} /> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('timetable.chinaTime')}
      </Typography.Text>
      <Agenda cls={cls} items={timetable.items} />
    </Flex>
  );
}
