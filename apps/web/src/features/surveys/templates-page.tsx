import { PlusOutlined } from '@ant-design/icons';
import { defaultSurveyTemplate, type SurveyTemplateView } from '@ganxun/domain';
import { Alert, Button, Checkbox, Flex, Popconfirm, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useArchiveTemplate, useTemplates } from './api';
import { bodyOf, TemplateDrawer, type TemplateEdit } from './template-drawer';

/** /survey-templates: the evaluation templates (built-in defaults read-only) and their editor. */
export default function SurveyTemplatesPage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [showArchived, setShowArchived] = useState(false);
  const templates = useTemplates(showArchived);
  const archive = useArchiveTemplate();
  const [edit, setEdit] = useState<TemplateEdit | null>(null);

  const copy = (v: SurveyTemplateView) =>
    setEdit({
      id: null,
      readOnly: false,
      initial: { ...bodyOf(v), name: `${v.name}（${t('surveys.templates.copy')}）`.slice(0, 100) },
    });

  const columns: ColumnsType<SurveyTemplateView> = [
    {
      title: t('surveys.templates.name'),
      key: 'name',
      render: (_, v) => (
        <Flex gap={6} wrap align="center">
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => setEdit({ id: v.id, readOnly: !v.mayEdit, initial: bodyOf(v) })}
          >
            {v.name}
          </Button>
          {v.builtin ? <Tag color="blue">{t('surveys.templates.builtin')}</Tag> : null}
          {v.archived ? <Tag>{t('surveys.templates.archived')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('surveys.templates.target'),
      key: 'target',
      render: (_, v) => t(`surveys.target.${v.target}`),
    },
    {
      title: t('surveys.templates.questions'),
      key: 'questions',
      render: (_, v) => t('surveys.templates.questionCount', { n: v.questions.length }),
    },
    { title: '', key: 'updated', responsive: ['md'], render: (_, v) => formatDateTime(v.updatedAt) },
    {
      title: '',
      key: 'actions',
      render: (_, v) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => copy(v)}>
            {t('surveys.templates.copy')}
          </Button>
          {v.mayEdit && !v.archived ? (
            <Popconfirm
              title={t('surveys.templates.archiveConfirm')}
              onConfirm={() => archive.mutateAsync(v.id).catch(notifyError)}
            >
              <Button size="small" type="text" danger>
                {t('surveys.templates.archive')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('surveys.templates.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() =>
              setEdit({
                id: null,
                readOnly: false,
                initial: { ...defaultSurveyTemplate('lecture'), name: '' },
              })
            }
            data-testid="template-new"
          >
            {t('surveys.templates.new')}
          </Button>
        }
      />
      <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)}>
        {t('surveys.templates.showArchived')}
      </Checkbox>
      {templates.isError ? (
        <Alert type="error" showIcon title={errorText(templates.error, t)} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={templates.isLoading}
          columns={columns}
          dataSource={templates.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="template-list"
        />
      )}
      <TemplateDrawer edit={edit} onClose={() => setEdit(null)} />
    </Flex>
  );
}
