import { PrinterOutlined } from '@ant-design/icons';
import { ACCOUNT_ROLES, type AccountRole, type AccountSheetRow, type PersonView } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Modal,
  Radio,
  Result,
  Select,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { AccountSheet } from './account-sheet';
import { useCreateAccounts, useCreateAccountsFile } from './api';

type Delivery = 'screen' | 'xlsx';
type Outcome = { kind: 'screen'; rows: AccountSheetRow[] } | { kind: 'xlsx' };

/**
 * Accounts from people: pick a role for the selected people and how the initial passwords are
 * delivered, then create the accounts. Passwords exist only in the answer that creates them, so
 * the sheet is either shown here (to print) or downloaded as xlsx, chosen beforehand.
 */
export function AccountsModal({
  open,
  people,
  onClose,
}: {
  open: boolean;
  people: PersonView[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [role, setRole] = useState<AccountRole>('trainee');
  const [delivery, setDelivery] = useState<Delivery>('screen');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const create = useCreateAccounts();
  const createFile = useCreateAccountsFile();
  const a = 'directory.accounts';

  useEffect(() => {
    if (open) {
      setRole('trainee');
      setDelivery('screen');
      setOutcome(null);
    }
  }, [open]);

  const submit = async () => {
    const body = { personIds: people.map((p) => p.id), role };
    try {
      if (delivery === 'xlsx') {
        await createFile.mutateAsync(body);
        setOutcome({ kind: 'xlsx' });
      } else {
        const { items } = await create.mutateAsync(body);
        setOutcome({ kind: 'screen', rows: items });
      }
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const close = () => {
    if (outcome?.kind !== 'screen' || !outcome.rows.some((r) => r.password)) return onClose(!!outcome);
    modal.confirm({
      title: t(`${a}.closeConfirm`),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => onClose(true),
    });
  };

  const columns: TableProps<AccountSheetRow>['columns'] = [
    { title: t(`${a}.name`), dataIndex: 'name', key: 'name', width: 90 },
    { title: t(`${a}.unit`), dataIndex: 'unitName', key: 'unitName', ellipsis: true },
    { title: t(`${a}.username`), dataIndex: 'username', key: 'username', width: 130 },
    {
      title: t(`${a}.password`),
      dataIndex: 'password',
      key: 'password',
      width: 150,
      render: (p: string | null) =>
        p ? (
          <Typography.Text copyable className="gx-mono">
            {p}
          </Typography.Text>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t(`${a}.status`),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: AccountSheetRow['status']) =>
        s === 'created' ? (
          <Tag color="green">{t(`${a}.statusCreated`)}</Tag>
        ) : (
          <Tag>{t(`${a}.statusExists`)}</Tag>
        ),
    },
  ];

  let body: ReactNode;
  if (outcome?.kind === 'screen') {
    body = (
      <>
        <Alert type="warning" showIcon title={t(`${a}.onceWarning`)} style={{ marginBottom: 12 }} />
        <Table<AccountSheetRow>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={outcome.rows}
          pagination={false}
          scroll={{ x: 580, y: 360 }}
          data-testid="accounts-result"
        />
        <AccountSheet rows={outcome.rows} />
      </>
    );
  } else if (outcome?.kind === 'xlsx') {
    body = <Result status="success" title={t(`${a}.xlsxDone`)} subTitle={t(`${a}.xlsxHint`)} />;
  } else {
    body = (
      <>
        <Typography.Paragraph>{t(`${a}.intro`, { count: people.length })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t(`${a}.role`)} required>
            <Select
              value={role}
              onChange={setRole}
              options={ACCOUNT_ROLES.map((r) => ({ value: r, label: t(`${a}.roles.${r}`) }))}
              data-testid="accounts-role"
            />
          </Form.Item>
          <Form.Item label={t(`${a}.delivery`)} extra={t(`${a}.deliveryHint`)}>
            <Radio.Group value={delivery} onChange={(e) => setDelivery(e.target.value as Delivery)}>
              <Flex vertical gap={4}>
                <Radio value="screen" data-testid="accounts-delivery-screen">
                  {t(`${a}.deliveryScreen`)}
                </Radio>
                <Radio value="xlsx" data-testid="accounts-delivery-xlsx">
                  {t(`${a}.deliveryXlsx`)}
                </Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
        </Form>
      </>
    );
  }

  return (
    <Modal
      open={open}
      title={outcome ? t(`${a}.resultTitle`) : t(`${a}.title`)}
      onCancel={close}
      width={outcome?.kind === 'screen' ? 780 : 480}
      maskClosable={false}
      destroyOnHidden
      footer={
        outcome ? (
          <Flex justify="flex-end" gap={8} wrap>
            {outcome.kind === 'screen' ? (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="accounts-print">
                {t(`${a}.print`)}
              </Button>
            ) : null}
            <Button type="primary" onClick={close} data-testid="accounts-done">
              {t(`${a}.done`)}
            </Button>
          </Flex>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={create.isPending || createFile.isPending}
              onClick={submit}
              data-testid="accounts-submit"
            >
              {t(`${a}.submit`)}
            </Button>
          </Flex>
        )
      }
    >
      {body}
    </Modal>
  );
}
