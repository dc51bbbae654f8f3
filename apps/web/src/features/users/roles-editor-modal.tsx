import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  checkRoleCombination,
  ROLE_SCOPE,
  ROLES,
  type Role,
  type RoleAssignment,
  roleNeedsScope,
  scopeTarget,
  type UserView,
} from '@ganxun/domain';
import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { useSetRoles } from './api';

interface Values {
  roles: { role?: Role; scopeId?: string | null }[];
}

const SCOPE_LABEL = {
  region: 'users.scopeRegion',
  institution: 'users.scopeInstitution',
  class: 'users.scopeClass',
  unit: 'users.scopeUnit',
} as const;

const FULL = { width: '100%' };

/**
 * Replaces a user's role assignments (security admin). A role's scope is picked, not typed: a
 * region from the division tree for an org admin, a unit from the unit tree for a liaison or a
 * training officer; a class director's class stays free text until classes exist.
 */
export function RolesEditorModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const setRoles = useSetRoles();
  const [problem, setProblem] = useState<string | null>(null);
  const roles = Form.useWatch('roles', form) ?? [];

  useEffect(() => {
    if (!user) return;
    setProblem(null);
    form.setFieldsValue({ roles: user.roles.map((r) => ({ role: r.role, scopeId: r.scopeId })) });
  }, [user, form]);

  const submit = async (values: Values) => {
    if (!user) return;
    const assignments: RoleAssignment[] = (values.roles ?? [])
      .filter((r): r is { role: Role; scopeId?: string | null } => !!r.role)
      .map((r) => ({
        role: r.role,
        scopeId: roleNeedsScope(r.role) ? (r.scopeId ?? '').trim() || null : null,
      }));
    const combination = checkRoleCombination(assignments);
    if (combination) {
      setProblem(t(`validation.${combination}`));
      return;
    }
    setProblem(null);
    try {
      await setRoles.mutateAsync({ id: user.id, roles: assignments });
      void message.success(t('users.rolesSaved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      setProblem(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.rolesTitle', { name: user.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={setRoles.isPending}
      width={640}
      forceRender
    >
      <Alert type="info" showIcon title={t('users.sodHint')} style={{ marginBottom: 16 }} />
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} onFinish={submit} layout="vertical">
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => {
                const role = roles[field.name]?.role;
                const kind = role ? ROLE_SCOPE[role] : 'none';
                const needsScope = !!role && roleNeedsScope(role);
                const target = role ? scopeTarget(role) : null;
                const testId = `role-scope-${field.name}`;
                return (
                  <Flex key={field.key} gap={8} align="flex-start" wrap>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: t('validation.required') }]}
                      style={{ flex: '1 1 160px', marginBottom: 12 }}
                    >
                      <Select
                        placeholder={t('users.role')}
                        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                        onChange={() => form.setFieldValue(['roles', field.name, 'scopeId'], null)}
                      />
                    </Form.Item>
                    {needsScope && kind !== 'none' && kind !== 'self' ? (
                      <Form.Item
                        name={[field.name, 'scopeId']}
                        rules={[
                          { required: true, whitespace: true, message: t('validation.scope_required') },
                          { max: 64, message: t('validation.tooLong', { max: 64 }) },
                        ]}
                        style={{ flex: '2 1 240px', minWidth: 0, marginBottom: 12 }}
                      >
                        {target === 'region' ? (
                          <RegionPicker
                            placeholder={t(SCOPE_LABEL[kind])}
                            style={FULL}
                            data-testid={testId}
                          />
                        ) : target === 'unit' ? (
                          <UnitPicker placeholder={t(SCOPE_LABEL[kind])} style={FULL} data-testid={testId} />
                        ) : (
                          <Input placeholder={t(SCOPE_LABEL[kind])} maxLength={64} data-testid={testId} />
                        )}
                      </Form.Item>
                    ) : null}
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('users.removeRole')}
                      title={t('users.removeRole')}
                    />
                  </Flex>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ scopeId: null })} block>
                {t('users.addRole')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
