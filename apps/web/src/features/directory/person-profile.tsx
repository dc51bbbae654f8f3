import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import type { PersonDetail } from '@ganxun/domain';
import { Button, Descriptions, type DescriptionsProps, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../components/format';
import { useDictionary } from './dictionaries';
import { RevealModal } from './reveal-modal';

/**
 * The profile tab: every field with its dictionary label, and the masked ID number and mobile
 * with a "view" action for readers allowed to reveal them (each view is audited).
 */
export function PersonProfile({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const ethnicity = useDictionary('ethnicity');
  const political = useDictionary('political_status');
  const education = useDictionary('education');
  const ranks = useDictionary('post_level');
  const [revealOpen, setRevealOpen] = useState(false);
  const [revealed, setRevealed] = useState<{
    idNumber: string;
    mobile: string | null;
    /** The masked values they were revealed for. */
    of: string;
  } | null>(null);
  // What is on record now: a revealed value is shown only while the record still holds it (after
  // an edit that changes or removes a number, the page goes back to the masked values).
  const onRecord = `${person.idNumber}|${person.mobile ?? ''}`;
  const clear = revealed && revealed.of === onRecord ? revealed : null;
  const setClear = (values: { idNumber: string; mobile: string | null } | null) =>
    setRevealed(values ? { ...values, of: onRecord } : null);
  const canReveal = can('person.reveal');

  const revealButton = canReveal ? (
    clear ? (
      <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setClear(null)}>
        {t('directory.person.hide')}
      </Button>
    ) : (
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setRevealOpen(true)}
        data-testid="reveal-open"
      >
        {t('directory.person.reveal')}
      </Button>
    )
  ) : null;

  const secret = (masked: string | null, plain: string | null | undefined, testId: string) => (
    <Space size={4} wrap>
      <Typography.Text
        className="gx-mono"
        data-testid={testId}
        copyable={clear && plain ? { text: plain } : false}
      >
        {(clear ? plain : masked) ?? t('common.empty')}
      </Typography.Text>
      {masked ? revealButton : null}
    </Space>
  );

  const f = 'directory.personForm';
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t(`${f}.name`), children: person.name },
    { key: 'gender', label: t(`${f}.gender`), children: t(`directory.gender.${person.gender}`) },
    { key: 'birthDate', label: t(`${f}.birthDate`), children: person.birthDate },
    { key: 'ethnicity', label: t(`${f}.ethnicity`), children: ethnicity.label(person.ethnicity) },
    {
      key: 'idNumber',
      label: t(`${f}.idNumber`),
      children: secret(person.idNumber, clear?.idNumber, 'person-id-number'),
    },
    {
      key: 'mobile',
      label: t(`${f}.mobile`),
      children: secret(person.mobile, clear?.mobile, 'person-mobile'),
    },
    {
      key: 'politicalStatus',
      label: t(`${f}.politicalStatus`),
      children: political.label(person.politicalStatus),
    },
    { key: 'education', label: t(`${f}.education`), children: education.label(person.education) },
    {
      key: 'unit',
      label: t(`${f}.unit`),
      children: can('unit.read') ? (
        <Link to={`/units?id=${person.unitId}`}>{person.unitName}</Link>
      ) : (
        person.unitName
      ),
    },
    { key: 'post', label: t(`${f}.post`), children: person.post ?? t('common.empty') },
    { key: 'rank', label: t(`${f}.rank`), children: ranks.label(person.rank) },
    {
      key: 'category',
      label: t(`${f}.category`),
      children: person.specialty
        ? `${t(`directory.category.${person.category}`)} · ${t(`directory.specialty.${person.specialty}`)}`
        : t(`directory.category.${person.category}`),
    },
    { key: 'status', label: t(`${f}.status`), children: t(`directory.personStatus.${person.status}`) },
    {
      key: 'account',
      label: t('directory.people.account'),
      children: person.username ?? t('directory.people.noAccount'),
    },
    { key: 'updatedAt', label: t('directory.people.updatedAt'), children: formatDateTime(person.updatedAt) },
  ];

  return (
    <>
      {clear ? (
        <Typography.Paragraph type="warning" data-testid="reveal-notice">
          {t('directory.person.revealed')}
        </Typography.Paragraph>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={items}
        data-testid="person-profile"
      />
      <RevealModal
        personId={person.id}
        open={revealOpen}
        onClose={() => setRevealOpen(false)}
        onRevealed={setClear}
      />
    </>
  );
}
