import type { UnitView } from '@ganxun/domain';
import { Alert, App, Checkbox, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { UnitPicker } from '../../components/unit-picker';
import { useMergeUnit, useMoveUnit, useUnit } from './api';

// The units page keys both modals by unit, so each opens with a fresh choice.

/** Moves a unit under another parent, or to the top level; its subtree and people go with it. */
export function UnitMoveModal({
  unit,
  allowTopLevel,
  onClose,
  onDone,
}: {
  unit: UnitView | null;
  allowTopLevel: boolean;
  onClose: () => void;
  onDone: (unit: UnitView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [parentId, setParentId] = useState<string | null>(null);
  const [topLevel, setTopLevel] = useState(false);
  const move = useMoveUnit();

  const submit = async () => {
    if (!unit) return;
    try {
      const moved = await move.mutateAsync({ id: unit.id, parentId: topLevel ? null : parentId });
      void message.success(t('directory.units.moved'));
      onDone(moved);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!unit}
      title={unit ? t('directory.units.moveTitle', { name: unit.name }) : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ disabled: !topLevel && !parentId, 'data-testid': 'unit-move-submit' }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('directory.units.moveHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('directory.units.moveTarget')}>
          <Flex vertical gap={8}>
            <UnitPicker
              value={parentId}
              onChange={setParentId}
              excludeId={unit?.id}
              disabled={topLevel}
              data-testid="unit-move-target"
            />
            {allowTopLevel ? (
              <Checkbox checked={topLevel} onChange={(e) => setTopLevel(e.target.checked)}>
                {t('directory.units.moveTopLevel')}
              </Checkbox>
            ) : null}
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Merges a unit into another: its people and child units move to the target and it is marked
 * merged. The explanation names what will move; a second confirmation names both units.
 */
export function UnitMergeModal({
  unit,
  onClose,
  onDone,
}: {
  unit: UnitView | null;
  onClose: () => void;
  onDone: (target: string) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [targetId, setTargetId] = useState<string | null>(null);
  const target = useUnit(targetId);
  const merge = useMergeUnit();

  const submit = () => {
    if (!unit || !targetId) return;
    modal.confirm({
      title: t('directory.units.mergeConfirm', { name: unit.name, target: target.data?.name ?? '' }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await merge.mutateAsync({ id: unit.id, targetId });
          void message.success(t('directory.units.merged'));
          onDone(targetId);
        } catch (error) {
          void message.error(errorText(error, t));
        }
      },
    });
  };

  return (
    <Modal
      open={!!unit}
      title={unit ? t('directory.units.mergeTitle', { name: unit.name }) : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ danger: true, disabled: !targetId, 'data-testid': 'unit-merge-submit' }}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      {unit ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('directory.units.mergeExplain', {
            name: unit.name,
            people: unit.peopleCount,
            children: unit.childCount,
          })}
        />
      ) : null}
      <Form layout="vertical">
        <Form.Item label={t('directory.units.mergeTarget')} required>
          <UnitPicker
            value={targetId}
            onChange={setTargetId}
            excludeId={unit?.id}
            data-testid="unit-merge-target"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
