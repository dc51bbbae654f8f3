import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText, useNotifyError } from '../../components/errors';
import { downloadTemplate, UPLOAD_LIMIT_BYTES, useStartImport } from './api';

const ACCEPT = '.xlsx,.csv';

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The server's message and, for a refused file (missing columns, …), each located problem. */
function FailureText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? [...new Set(error.fields.map((f) => f.message))] : [];
  return (
    <>
      <div>{errorText(error, t)}</div>
      {details.length ? (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Step 1: template, file, options; a whole-file refusal (413, not a spreadsheet, …) stays on screen. */
export function UploadCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const start = useStartImport();
  const [file, setFile] = useState<File | null>(null);
  const [createMissingUnits, setCreateMissingUnits] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const fileList: UploadFile[] = file
    ? [{ uid: 'roster', name: file.name, size: file.size, status: 'done', originFileObj: file as never }]
    : [];

  const template = async () => {
    setDownloading(true);
    try {
      await downloadTemplate();
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  };

  const submit = async () => {
    if (!file) {
      void message.warning(t('imports.upload.chooseFirst'));
      return;
    }
    try {
      const job = await start.mutateAsync({ file, createMissingUnits });
      navigate(`/imports/${job.id}`);
    } catch {
      // Shown below the form by the mutation's error state.
    }
  };

  return (
    <Card
      title={t('imports.upload.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={downloading}
          onClick={template}
          data-testid="import-template"
        >
          {t('imports.upload.template')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('imports.upload.templateHint')}</Typography.Text>
        <Upload.Dragger
          accept={ACCEPT}
          maxCount={1}
          fileList={fileList}
          beforeUpload={(chosen) => {
            setFile(chosen);
            start.reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            start.reset();
          }}
          data-testid="import-dragger"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload.dragText')}</p>
          <p className="ant-upload-hint">
            {t('imports.upload.dragHint', { size: formatSize(UPLOAD_LIMIT_BYTES) })}
          </p>
        </Upload.Dragger>
        <div>
          <Checkbox
            checked={createMissingUnits}
            onChange={(e) => setCreateMissingUnits(e.target.checked)}
            data-testid="import-create-units"
          >
            {t('imports.upload.createMissingUnits')}
          </Checkbox>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.upload.createMissingUnitsHelp')}
            </Typography.Text>
          </div>
        </div>
        {start.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('imports.upload.failedTitle')}
            description={<FailureText error={start.error} />}
            data-testid="import-upload-error"
          />
        ) : null}
        <div>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={start.isPending}
            disabled={!file}
            onClick={submit}
            data-testid="import-submit"
          >
            {t('imports.upload.submit')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
