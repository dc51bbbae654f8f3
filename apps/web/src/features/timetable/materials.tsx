import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { MaterialView } from '@ganxun/domain';
import { App, Button, Flex, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { UPLOAD_LIMIT_BYTES } from '../imports/api';
import { materialPath, useDeleteMaterial, useUploadMaterial } from './api';
import { formatFileSize } from './logic';
import './timetable.css';

/** One material as a download link: paperclip, name, size. Downloads carry the session cookie. */
function MaterialLink({
  classId,
  sessionId,
  material,
}: {
  classId: string;
  sessionId: string;
  material: MaterialView;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const path = materialPath(classId, sessionId, material.id);
  return (
    <Typography.Link
      href={`${API_BASE}${path}`}
      onClick={(e) => {
        e.preventDefault();
        downloadFile(path, material.name).catch((error) => message.error(errorText(error, t)));
      }}
      className="gx-tt-material-link"
      title={t('timetable.materials.download', { name: material.name })}
    >
      <PaperClipOutlined /> <span className="gx-tt-material-name">{material.name}</span>{' '}
      <Typography.Text type="secondary" className="gx-tt-material-size">
        {formatFileSize(material.size)}
      </Typography.Text>
    </Typography.Link>
  );
}

/** The materials of an item as download links (read-only: the agenda, personal schedules). */
export function MaterialLinks({
  classId,
  sessionId,
  materials,
}: {
  classId: string;
  sessionId: string;
  materials: MaterialView[];
}) {
  if (materials.length === 0) return null;
  return (
    <Flex vertical gap={2} className="gx-tt-materials" data-testid="session-materials">
      {materials.map((m) => (
        <div key={m.id} data-testid="material-item">
          <MaterialLink classId={classId} sessionId={sessionId} material={m} />
        </div>
      ))}
    </Flex>
  );
}

/**
 * The materials of an item being edited: upload (multipart through the API client, with CSRF),
 * download, delete after a confirmation. The timetable is refreshed after each change.
 */
export function MaterialsEditor({
  classId,
  sessionId,
  materials,
}: {
  classId: string;
  sessionId: string;
  materials: MaterialView[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadMaterial(classId);
  const remove = useDeleteMaterial(classId);
  const [removing, setRemoving] = useState<string | null>(null);

  const onRemove = async (fileId: string) => {
    setRemoving(fileId);
    try {
      await remove.mutateAsync({ sessionId, fileId });
      void message.success(t('timetable.materials.deleted'));
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Flex vertical gap={8}>
      {materials.length === 0 ? (
        <Typography.Text type="secondary">{t('timetable.materials.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {materials.map((m) => (
            <Flex key={m.id} justify="space-between" align="center" gap={8} data-testid="material-item">
              <div style={{ minWidth: 0, flex: 1 }}>
                <MaterialLink classId={classId} sessionId={sessionId} material={m} />
              </div>
              <Popconfirm
                title={t('timetable.materials.deleteConfirm', { name: m.name })}
                okButtonProps={{ danger: true, loading: removing === m.id }}
                onConfirm={() => onRemove(m.id)}
              >
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('timetable.materials.delete')}
                  data-testid="material-delete"
                />
              </Popconfirm>
            </Flex>
          ))}
        </Flex>
      )}
      <div>
        <Upload
          multiple
          showUploadList={false}
          data-testid="material-upload"
          beforeUpload={(file) => {
            if (file.size > UPLOAD_LIMIT_BYTES) {
              void message.error(
                t('timetable.materials.tooLarge', {
                  name: file.name,
                  size: formatFileSize(UPLOAD_LIMIT_BYTES),
                }),
              );
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload
              .mutateAsync({ sessionId, file: file as File })
              .then((view) => {
                onSuccess?.(view);
                void message.success(t('timetable.materials.uploaded', { name: view.name }));
              })
              .catch((error: unknown) => {
                onError?.(error instanceof Error ? error : new Error(String(error)));
                void message.error(errorText(error, t));
              });
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="material-upload-button">
            {t('timetable.materials.upload')}
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {t('timetable.materials.hint', { size: formatFileSize(UPLOAD_LIMIT_BYTES) })}
        </Typography.Text>
      </div>
    </Flex>
  );
}
