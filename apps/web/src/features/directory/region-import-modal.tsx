import { UploadOutlined } from '@ant-design/icons';
import type { RegionImportResult } from '@ganxun/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Flex, Form, Modal, Radio, Row, Statistic, Table, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../components/errors';
import { regionsKey } from './api';

type Mode = 'partial' | 'full';

/**
 * Updates the region table from a csv or xlsx file: always a dry run first, which shows what would
 * be added, renamed and abolished (and any row errors); applying is possible only after a clean
 * dry run of the same file and mode.
 */
export function RegionImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('partial');
  const [preview, setPreview] = useState<RegionImportResult | null>(null);
  const [applied, setApplied] = useState<RegionImportResult | null>(null);

  useEffect(() => {
    if (!open) return;
    setFile(null);
    setMode('partial');
    setPreview(null);
    setApplied(null);
  }, [open]);

  const send = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      const form = new FormData();
      // Fields before the file: a streaming multipart parser sees them before it reaches the file.
      form.append('dryRun', String(dryRun));
      form.append('mode', mode);
      if (file) form.append('file', file, file.name);
      return api.upload<RegionImportResult>('/regions/imports', form);
    },
  });

  const run = async (dryRun: boolean) => {
    if (!file) {
      void message.error(t('directory.regionImport.fileRequired'));
      return;
    }
    try {
      const result = await send.mutateAsync({ dryRun });
      if (dryRun) setPreview(result);
      else {
        setApplied(result);
        void message.success(t('directory.regionImport.applied'));
        await queryClient.invalidateQueries({ queryKey: regionsKey });
      }
    } catch (error) {
      // A file with row errors is refused whole; the rows come back in `details.errors`.
      const rows = error instanceof ApiError ? error.details.errors : undefined;
      if (Array.isArray(rows)) {
        setPreview({
          added: 0,
          renamed: 0,
          abolished: 0,
          unchanged: 0,
          errors: rows as RegionImportResult['errors'],
        });
      } else if (error instanceof ApiError && error.fields.length) {
        void message.error(error.fields.map((f) => f.message).join('; '));
      } else {
        void message.error(errorText(error, t));
      }
    }
  };

  const shown = applied ?? preview;
  const canApply = !!preview && preview.errors.length === 0 && !applied;
  const r = 'directory.regionImport';

  return (
    <Modal
      open={open}
      title={t(`${r}.title`)}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{applied ? t('common.close') : t('common.cancel')}</Button>
          {applied ? null : (
            <>
              <Button
                onClick={() => run(true)}
                loading={send.isPending && !canApply}
                data-testid="region-dry-run"
              >
                {t(`${r}.dryRun`)}
              </Button>
              <Button
                type="primary"
                disabled={!canApply}
                loading={send.isPending && canApply}
                onClick={() => run(false)}
                data-testid="region-apply"
              >
                {t(`${r}.apply`)}
              </Button>
            </>
          )}
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t(`${r}.intro`)} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t(`${r}.file`)} required>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setPreview(null);
              setApplied(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setPreview(null);
            }}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t(`${r}.chooseFile`)}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t(`${r}.mode`)}>
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as Mode);
              setPreview(null);
            }}
            disabled={!!applied}
          >
            <Flex vertical gap={4}>
              <Radio value="partial">{t(`${r}.modePartial`)}</Radio>
              <Radio value="full">{t(`${r}.modeFull`)}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
      </Form>
      {shown ? (
        <>
          {applied ? null : (
            <Alert
              type={shown.errors.length ? 'error' : 'success'}
              showIcon
              title={shown.errors.length ? t(`${r}.fixErrors`) : t(`${r}.dryRunDone`)}
              style={{ marginBottom: 12 }}
            />
          )}
          {shown.errors.length ? null : (
            <Row gutter={16} style={{ marginBottom: 12 }} data-testid="region-import-counts">
              {(['added', 'renamed', 'abolished', 'unchanged'] as const).map((k) => (
                <Col xs={12} sm={6} key={k}>
                  <Statistic title={t(`${r}.${k}`)} value={shown[k]} />
                </Col>
              ))}
            </Row>
          )}
          {shown.errors.length ? (
            <Table
              rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={shown.errors}
              columns={[
                { title: t(`${r}.row`), dataIndex: 'row', key: 'row', width: 70 },
                { title: t(`${r}.column`), dataIndex: 'column', key: 'column', width: 100 },
                { title: t(`${r}.message`), dataIndex: 'message', key: 'message' },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
