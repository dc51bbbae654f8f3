import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import type { ImportJobView } from '@ganxun/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Grid, Progress, Result, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { PageSpin } from '../../app/page-spin';
import { errorText, useNotifyError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { NotFoundPage } from '../../components/result-pages';
import { downloadErrors, importsKey, useCancelImport, useCommitImport, useImportJob } from './api';
import { RowsPreview } from './rows-table';
import { ImportStatusTag } from './status-tag';

function stepOf(job: ImportJobView): { current: number; status: 'process' | 'finish' | 'error' } {
  switch (job.status) {
    case 'validating':
    case 'validated':
      return { current: 1, status: 'process' };
    case 'committing':
      return { current: 2, status: 'process' };
    case 'committed':
      return { current: 2, status: 'finish' };
    default:
      return { current: 1, status: 'error' };
  }
}

function JobProgress({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;
  return (
    <Flex vertical gap={8} data-testid="import-progress">
      <Typography.Text strong>
        {job.status === 'committing' ? t('imports.job.committing') : t('imports.job.validating')}
      </Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary">
        {t('imports.job.progress', { processed: job.processedRows, total: job.totalRows })}
      </Typography.Text>
    </Flex>
  );
}

/** The validated file: why it can or cannot be imported, the actions, then the rows. */
function Preview({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const commit = useCommitImport();
  const cancel = useCancelImport();
  const [downloading, setDownloading] = useState(false);
  const { create = 0, update = 0, unchanged = 0, error = 0 } = job.summary;
  const nothingToDo = error === 0 && create + update === 0;

  const confirmCommit = () =>
    modal.confirm({
      title: t('imports.job.commitConfirm', { create, update }),
      okText: t('imports.job.commit'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync(job.id).catch(notifyError),
    });

  const confirmCancel = () =>
    modal.confirm({
      title: t('imports.job.cancelConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await cancel.mutateAsync(job.id);
          void message.success(t('imports.job.cancelled'));
          navigate('/imports');
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const errorReport = async () => {
    setDownloading(true);
    try {
      await downloadErrors(job.id);
    } catch (e) {
      notifyError(e);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      {error > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('imports.job.blockedTitle', { count: error })}
          description={t('imports.job.blockedHint')}
          data-testid="import-blocked"
        />
      ) : nothingToDo ? (
        <Alert type="info" showIcon title={t('imports.job.nothingToDo')} />
      ) : (
        <Alert
          type="success"
          showIcon
          title={t('imports.job.readyTitle', { total: create + update + unchanged })}
          description={t('imports.job.readyHint', { create, update, unchanged })}
          data-testid="import-ready"
        />
      )}
      {job.ignoredColumns.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('imports.job.ignoredColumns', { columns: job.ignoredColumns.join('、') })}
          data-testid="import-ignored-columns"
        />
      ) : null}
      {job.createMissingUnits ? <Alert type="info" showIcon title={t('imports.job.createsUnits')} /> : null}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={error > 0 || nothingToDo}
          loading={commit.isPending}
          onClick={confirmCommit}
          data-testid="import-commit"
        >
          {t('imports.job.commit')}
        </Button>
        {error > 0 ? (
          <Button
            danger
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={errorReport}
            data-testid="import-download-errors"
          >
            {t('imports.job.downloadErrors')}
          </Button>
        ) : null}
        <Button onClick={confirmCancel} loading={cancel.isPending} data-testid="import-cancel">
          {t('imports.job.cancel')}
        </Button>
      </Flex>
      <RowsPreview job={job} />
    </Flex>
  );
}

function JobBody({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const { create = 0, update = 0, unchanged = 0 } = job.summary;
  const again = (
    <Link to="/imports" key="again">
      <Button>{t('imports.job.uploadAgain')}</Button>
    </Link>
  );
  switch (job.status) {
    case 'validating':
    case 'committing':
      return <JobProgress job={job} />;
    case 'validated':
      return <Preview job={job} />;
    case 'failed':
      return (
        <Flex vertical gap={16} align="flex-start">
          <Alert
            type="error"
            showIcon
            title={t('imports.job.failedTitle')}
            description={job.failure?.message}
            style={{ alignSelf: 'stretch' }}
            data-testid="import-failure"
          />
          {again}
        </Flex>
      );
    case 'cancelled':
      return <Result status="info" title={t('imports.job.cancelledTitle')} extra={again} />;
    case 'committed':
      return (
        <Flex vertical gap={16}>
          <Result
            status="success"
            title={t('imports.job.committedTitle')}
            subTitle={t('imports.job.committedSubtitle', { create, update, unchanged })}
            extra={[
              <Link to="/people" key="people">
                <Button type="primary" data-testid="import-view-people">
                  {t('imports.job.viewPeople')}
                </Button>
              </Link>,
              <Link to="/imports" key="again">
                <Button>{t('imports.job.importAnother')}</Button>
              </Link>,
            ]}
            data-testid="import-committed"
          />
          <RowsPreview job={job} />
        </Flex>
      );
  }
}

/** Step 2 and 3 of the wizard (/imports/:id): progress, preview, commit, result. */
export function ImportJobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const query = useImportJob(id);
  const job = query.data;

  // Once people are written, every other cached list (people, units) may be stale.
  useEffect(() => {
    if (job?.status === 'committed') {
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== importsKey[0] });
    }
  }, [job?.status, queryClient]);

  if (query.isPending) return <PageSpin />;
  if (query.isError && query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;

  const step = job ? stepOf(job) : { current: 1, status: 'error' as const };
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        description={
          job ? (
            <Flex gap={8} align="center" wrap component="span">
              <span>{t('imports.job.fileName', { name: job.fileName })}</span>
              <ImportStatusTag status={job.status} />
            </Flex>
          ) : undefined
        }
        extra={
          <Link to="/imports">
            <Button icon={<ArrowLeftOutlined />}>{t('imports.job.backToList')}</Button>
          </Link>
        }
      />
      <Card>
        <Flex vertical gap={20}>
          <Steps
            size="small"
            // On a phone the titles go under the icons, so the three steps still fit on one line.
            responsive={false}
            titlePlacement={screens.md ? 'horizontal' : 'vertical'}
            current={step.current}
            status={step.status}
            items={[
              { title: t('imports.steps.upload') },
              { title: t('imports.steps.preview') },
              { title: t('imports.steps.done') },
            ]}
          />
          {job ? <JobBody job={job} /> : <Alert type="error" showIcon title={errorText(query.error, t)} />}
        </Flex>
      </Card>
    </>
  );
}
