import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { ForbiddenPage } from '../../components/result-pages';
import { PersonArchiveTab } from '../archive/person-archive-tab';
import { PersonSecondmentsTab } from '../secondments/person-secondments-tab';
import { usePerson } from './api';
import './directory.css';
import type { PersonDetail } from '@ganxun/domain';
import { STATUS_COLOR } from './people-columns';
import { PersonFormDrawer } from './person-form-drawer';
import { PersonProfile } from './person-profile';

/** The requirement profile on the training tab; the records themselves arrive with a later issue. */
function TrainingTab({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const { period, hours, source } = person.requirement;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('directory.person.requirementTitle')} data-testid="person-requirement">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`directory.requirement.${period}`, { hours })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('directory.person.requirementSource', {
            source:
              source === 'override'
                ? t('directory.requirement.sourceOverride')
                : t('directory.requirement.sourceDefault'),
          })}
        </Typography.Text>
      </Card>
      <Empty description={t('directory.person.trainingEmpty')} />
    </Flex>
  );
}

/** /people/:id: a person's header (name, unit path, status) and profile, training and secondment tabs. */
export default function PersonPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const query = usePerson(id);
  const [editing, setEditing] = useState(false);
  const person = query.data;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!person) {
    const notFound = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('directory.person.notFound') : errorText(query.error, t)}
        extra={
          <Link to="/people">
            <Button type="primary">{t('directory.person.back')}</Button>
          </Link>
        }
      />
    );
  }

  // unitAncestors runs from the root down to the person's own unit.
  const chain = person.unitAncestors.length ? person.unitAncestors.map((a) => a.name) : [person.unitName];
  const unitPath = chain.join(' / ');
  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} className="gx-page-header">
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Link to="/people">
            <ArrowLeftOutlined /> {t('directory.person.back')}
          </Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="person-name">
              {person.name}
            </Typography.Title>
            <Tag color={STATUS_COLOR[person.status]}>{t(`directory.personStatus.${person.status}`)}</Tag>
            <Tag>
              {t(`directory.category.${person.category}`)}
              {person.specialty ? ` · ${t(`directory.specialty.${person.specialty}`)}` : ''}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" data-testid="person-unit-path">
            {unitPath}
            {person.post ? ` · ${person.post}` : ''}
          </Typography.Text>
        </Flex>
        {can('person.edit') ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
            {t('common.edit')}
          </Button>
        ) : null}
      </Flex>
      <Card>
        <Tabs
          items={[
            {
              key: 'profile',
              label: t('directory.person.tabProfile'),
              children: <PersonProfile person={person} />,
            },
            {
              key: 'training',
              label: t('directory.person.tabTraining'),
              children: <TrainingTab person={person} />,
            },
            ...(can('trainingRecord.read')
              ? [
                  {
                    key: 'archive',
                    label: t('archive.title'),
                    children: <PersonArchiveTab personId={person.id} />,
                  },
                ]
              : []),
            ...(can('secondment.read')
              ? [
                  {
                    key: 'secondments',
                    label: t('directory.person.tabSecondments'),
                    children: <PersonSecondmentsTab personId={person.id} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <PersonFormDrawer open={editing} person={person} onClose={() => setEditing(false)} />
    </>
  );
}
