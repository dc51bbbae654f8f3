import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { SecondmentImportResult, SecondmentImportRowView } from '@ganxun/domain';
import { Alert, App, Button, Col, Flex, Form, Modal, Row, Select, Statistic, Table, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { useImportSecondments, usePartnershipOptions } from './api';
import { termText } from './parts';

/** A refused commit (400) carries the checked rows in its details; read them back as a result. */
function resultOfError(error: unknown): SecondmentImportResult | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.details as Partial<SecondmentImportResult> & { result?: SecondmentImportResult };
  if (d.result && Array.isArray(d.result.rows)) return d.result;
  if (!Array.isArray(d.rows)) return null;
  const rows = d.rows as SecondmentImportRowView[];
  return {
    dryRun: false,
    committed: false,
    rows,
    summary: d.summary ?? {
      rows: rows.length,
      create: rows.filter((r) => r.outcome === 'create').length,
      error: rows.filter((r) => r.outcome === 'error').length,
      newPeople: rows.filter((r) => r.newPerson).length,
    },
  };
}

/**
 * Imports secondments from an xlsx file into one pairing: the template first (its 说明 sheet names
 * the pairing's directions), then a check that shows every row with its errors, then the commit —
 * all rows or none. A refused commit keeps the modal open with the rows.
 */
export function SecondmentImportModal({
  open,
  defaultPartnershipId,
  onClose,
}: {
  open: boolean;
  defaultPartnershipId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pairings = usePartnershipOptions();
  const send = useImportSecondments();
  const [partnershipId, setPartnershipId] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SecondmentImportResult | null>(null);
  const [downloading, setDownloading] = useState(false);
  const r = 'secondments.import';
  const only = pairings.data?.items.length === 1 ? pairings.data.items[0]?.id : undefined;

  useEffect(() => {
    if (!open) return;
    setPartnershipId(defaultPartnershipId ?? only);
    setFile(null);
    setPreview(null);
  }, [open, defaultPartnershipId, only]);

  const template = async () => {
    setDownloading(true);
    try {
      await downloadFile('/secondments/import-template.xlsx', 'secondments-template.xlsx', {
        partnershipId,
      });
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setDownloading(false);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!partnershipId) {
      void message.error(t(`${r}.pairingRequired`));
      return;
    }
    if (!file) {
      void message.error(t(`${r}.fileRequired`));
      return;
    }
    try {
      const result = await send.mutateAsync({ file, partnershipId, dryRun });
      if (dryRun || !result.committed) setPreview(result);
      else {
        void message.success(t(`${r}.committed`, { count: result.summary.create }));
        onClose();
      }
    } catch (error) {
      const rows = resultOfError(error);
      if (rows) setPreview(rows);
      else if (error instanceof ApiError && error.fields.length)
        void message.error(error.fields.map((f) => f.message).join('; '));
      else void message.error(errorText(error, t));
    }
  };

  const canCommit = !!preview && preview.summary.error === 0 && preview.summary.create > 0;

  return (
    <Modal
      open={open}
      title={t(`${r}.title`)}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            onClick={() => run(true)}
            loading={send.isPending && !canCommit}
            data-testid="secondment-import-preview"
          >
            {t(`${r}.preview`)}
          </Button>
          <Button
            type="primary"
            disabled={!canCommit}
            loading={send.isPending && canCommit}
            onClick={() => run(false)}
            data-testid="secondment-import-commit"
          >
            {t(`${r}.commit`)}
          </Button>
        </Flex>
      }
    >
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item label={t(`${r}.pairing`)} required>
              <Select
                value={partnershipId}
                onChange={(v: string) => {
                  setPartnershipId(v);
                  setPreview(null);
                }}
                loading={pairings.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(pairings.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                data-testid="secondment-import-pairing"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label=" " extra={t(`${r}.templateHint`)}>
              <Button
                icon={<DownloadOutlined />}
                onClick={template}
                loading={downloading}
                data-testid="secondment-import-template"
              >
                {t(`${r}.template`)}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t(`${r}.file`)} required>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setPreview(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setPreview(null);
            }}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="secondment-import-file">
              {t(`${r}.chooseFile`)}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
      {preview ? (
        <div data-testid="secondment-import-result">
          <Alert
            type={preview.summary.error ? 'error' : 'success'}
            showIcon
            title={preview.summary.error ? t(`${r}.fixErrors`) : t(`${r}.ready`)}
            style={{ marginBottom: 12 }}
          />
          <Row gutter={16} style={{ marginBottom: 12 }} data-testid="secondment-import-summary">
            {(
              [
                ['rows', preview.summary.rows],
                ['create', preview.summary.create],
                ['errors', preview.summary.error],
                ['newPeople', preview.summary.newPeople],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} sm={6} key={k}>
                <Statistic
                  title={t(`${r}.${k}`)}
                  value={v}
                  valueStyle={k === 'errors' && v > 0 ? { color: '#cf1322' } : undefined}
                />
              </Col>
            ))}
          </Row>
          <Table<SecondmentImportRowView>
            rowKey="rowNo"
            size="small"
            scroll={{ x: 'max-content', y: 360 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={preview.rows}
            rowClassName={(row) => (row.outcome === 'error' ? 'gx-secondment-import-error' : '')}
            columns={[
              { title: t(`${r}.rowNo`), dataIndex: 'rowNo', key: 'rowNo', width: 60 },
              {
                title: t(`${r}.person`),
                key: 'person',
                render: (_, row) => (
                  <>
                    {row.personName}
                    {row.newPerson ? (
                      <Tag color="blue" style={{ marginInlineStart: 6 }}>
                        {t(`${r}.newPerson`)}
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              {
                title: t('secondments.list.direction'),
                key: 'direction',
                render: (_, row) => {
                  const pairing = pairings.data?.items.find((p) => p.id === partnershipId);
                  const d = pairing?.directions.find((x) => x.direction === row.direction);
                  return d?.name ?? (row.direction ? t(`secondments.direction.${row.direction}`) : '—');
                },
              },
              {
                title: t('secondments.list.categorySpecialty'),
                key: 'category',
                render: (_, row) =>
                  row.category
                    ? [
                        t(`secondments.category.${row.category}`),
                        row.specialty ? t(`directory.specialty.${row.specialty}`) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : '—',
              },
              {
                title: t('secondments.list.term'),
                key: 'term',
                render: (_, row) => termText(row.plannedStart, row.plannedEnd),
              },
              {
                title: t(`${r}.outcome`),
                key: 'outcome',
                render: (_, row) =>
                  row.errors.length ? (
                    <ul className="gx-secondment-import-errors" data-testid="secondment-import-row-errors">
                      {row.errors.map((e) => (
                        <li key={`${e.field}:${e.message}`}>
                          {e.column ? <b>{e.column}：</b> : null}
                          {e.message}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <>
                      <Tag color="green">{t(`${r}.ok`)}</Tag>
                      {row.warnings.map((w) => (
                        <Tag color="gold" key={w}>
                          {w}
                        </Tag>
                      ))}
                    </>
                  ),
              },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
