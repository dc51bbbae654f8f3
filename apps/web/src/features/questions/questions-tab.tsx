import { FileExcelOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { Alert, App, Button, Flex, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { API_BASE, downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { useTimetable } from '../timetable/api';
import { boardUrl, questionsXlsxUrl, useClassQuestions } from './api';
import { percentText, type TabRow, tabRows, tabTotals } from './moderation-logic';

function when(row: TabRow): string {
  const start = dayjs(row.startsAt);
  return row.endsAt
    ? `${start.format('YYYY-MM-DD HH:mm')}–${dayjs(row.endsAt).format('HH:mm')}`
    : start.format('YYYY-MM-DD HH:mm');
}

/** The class's question boards: each item's figures, links to its board, moderation and presenter view, and the export. */
export function QuestionsTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timetable = useTimetable(cls.id);
  const figures = useClassQuestions(cls.id);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = () => {
    setExporting(true);
    downloadFile(questionsXlsxUrl(cls.id).slice(API_BASE.length), `${cls.code}-questions.xlsx`)
      .catch((error: unknown) => void message.error(errorText(error, t)))
      .finally(() => setExporting(false));
  };

  if (timetable.isPending || figures.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  const failed = timetable.error ?? figures.error;
  const rows = tabRows(timetable.data?.items ?? [], figures.data);
  const totals = tabTotals(rows, figures.data);
  const base = `/classes/${cls.id}/sessions`;

  const columns: ColumnsType<TabRow> = [
    {
      key: 'item',
      title: t('questions.moderation.columns.item'),
      render: (_, row) => (
        <Flex vertical>
          <Typography.Text strong>{row.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when(row)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'questions',
      title: t('questions.moderation.columns.questions'),
      dataIndex: 'questions',
      align: 'right',
      width: 90,
      onCell: () => ({ 'data-testid': 'qt-questions' }) as HTMLAttributes<HTMLElement>,
    },
    {
      key: 'answered',
      title: t('questions.moderation.columns.answered'),
      dataIndex: 'answered',
      align: 'right',
      width: 90,
      onCell: () => ({ 'data-testid': 'qt-answered' }) as HTMLAttributes<HTMLElement>,
    },
    {
      key: 'share',
      title: t('questions.moderation.columns.share'),
      align: 'right',
      width: 90,
      render: (_, row) => percentText(row.answeredShare),
      onCell: () => ({ 'data-testid': 'qt-share' }) as HTMLAttributes<HTMLElement>,
    },
    {
      key: 'votes',
      title: t('questions.moderation.columns.votes'),
      dataIndex: 'votes',
      align: 'right',
      width: 90,
      onCell: () => ({ 'data-testid': 'qt-votes' }) as HTMLAttributes<HTMLElement>,
    },
    {
      key: 'links',
      title: t('questions.moderation.columns.links'),
      width: 190,
      render: (_, row) =>
        // An item deleted from the timetable since keeps its figures but has no board to open.
        row.endsAt === null ? null : (
          <Flex gap={12} wrap>
            <Link to={`${base}/${row.sessionId}/moderate`} data-testid="qt-manage">
              {t('questions.moderation.manage')}
            </Link>
            <a
              href={`${base}/${row.sessionId}/present`}
              target="_blank"
              rel="noopener"
              data-testid="qt-present"
            >
              {t('questions.moderation.presenter')}
            </a>
            <a
              href={boardUrl(cls.id, row.sessionId, null)}
              target="_blank"
              rel="noopener"
              data-testid="qt-board"
            >
              {t('questions.moderation.board')}
            </a>
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="questions-tab">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('questions.moderation.listTitle')}
        </Typography.Title>
        <Button icon={<FileExcelOutlined />} loading={exporting} onClick={exportXlsx} data-testid="qt-export">
          {t('questions.moderation.export')}
        </Button>
      </Flex>
      {failed ? <Alert type="error" showIcon title={errorText(failed, t)} /> : null}
      <Table<TabRow>
        rowKey="sessionId"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('questions.moderation.noItems') }}
        onRow={() => ({ 'data-testid': 'qt-row' }) as HTMLAttributes<HTMLElement>}
        summary={() =>
          rows.length === 0 ? null : (
            <Table.Summary.Row data-testid="qt-totals" style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('questions.moderation.totals')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {totals.questions}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {totals.answered}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {percentText(totals.answeredShare)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {totals.votes}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          )
        }
      />
    </Flex>
  );
}
