import { DragOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Grid, Row, Skeleton, Tag } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useUnit } from './api';
import './directory.css';
import type { UnitView } from '@ganxun/domain';
import { UnitFormModal, type UnitFormTarget } from './unit-form-modal';
import { UnitMergeModal, UnitMoveModal } from './unit-relocate-modals';
import { UnitTree } from './unit-tree';

/**
 * Units hang under regions for an org admin, under a unit for a liaison: only a region grant can
 * make a top-level unit, and a liaison cannot move the unit their grant is rooted at. (The server
 * decides; this only hides buttons that would be refused.)
 */
function useUnitReach() {
  const { me, can } = useAuth();
  const roles = me?.roles ?? [];
  const regionKeeper = can('unit.edit') && roles.some((r) => r.role === 'org_admin' && r.scopeId);
  return {
    canCreateRoot: regionKeeper,
    canMove: (unit: UnitView) =>
      can('unit.edit') &&
      (regionKeeper || !roles.some((r) => r.role === 'unit_liaison' && r.scopeId === unit.id)),
  };
}

/** The right side of /units: one unit's facts and the actions the reader's permissions allow. */
function UnitDetails({
  unit,
  onCreateChild,
  onEdit,
  onMove,
  onMerge,
}: {
  unit: UnitView;
  onCreateChild: () => void;
  onEdit: () => void;
  onMove: () => void;
  onMerge: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { canMove } = useUnitReach();
  const active = unit.status === 'active';
  const path = [...unit.ancestors.map((a) => a.name), unit.name].join(' / ');
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <span data-testid="unit-details-name">{unit.name}</span>
          {active ? null : <Tag>{t('directory.units.mergedTag')}</Tag>}
        </Flex>
      }
    >
      {active && (can('unit.edit') || can('unit.merge')) ? (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          {can('unit.edit') ? (
            <>
              <Button icon={<PlusOutlined />} onClick={onCreateChild} data-testid="unit-create-child">
                {t('directory.units.createChild')}
              </Button>
              <Button icon={<EditOutlined />} onClick={onEdit} data-testid="unit-edit">
                {t('common.edit')}
              </Button>
              {canMove(unit) ? (
                <Button icon={<DragOutlined />} onClick={onMove} data-testid="unit-move">
                  {t('directory.units.move')}
                </Button>
              ) : null}
            </>
          ) : null}
          {can('unit.merge') ? (
            <Button danger icon={<MergeCellsOutlined />} onClick={onMerge} data-testid="unit-merge">
              {t('directory.units.merge')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={1}
        data-testid="unit-details"
        items={[
          { key: 'path', label: t('directory.units.path'), children: path },
          { key: 'type', label: t('directory.units.type'), children: t(`directory.unitType.${unit.type}`) },
          {
            key: 'uscc',
            label: t('directory.units.uscc'),
            children: unit.uscc ? <span className="gx-mono">{unit.uscc}</span> : t('common.empty'),
          },
          {
            key: 'region',
            label: t('directory.units.region'),
            children: `${unit.regionName ?? ''} ${unit.regionCode}`.trim(),
          },
          {
            key: 'parent',
            label: t('directory.units.parent'),
            children: unit.parentId ? (
              <Link to={`/units?id=${unit.parentId}`}>{unit.parentName}</Link>
            ) : (
              t('directory.units.topLevel')
            ),
          },
          { key: 'children', label: t('directory.units.childCount'), children: unit.childCount },
          {
            key: 'people',
            label: t('directory.units.peopleCount'),
            children: can('person.read') ? (
              <Link to={`/people?unitId=${unit.id}`} data-testid="unit-people-link">
                {t('directory.units.peopleLink', { count: unit.peopleCount })}
              </Link>
            ) : (
              unit.peopleCount
            ),
          },
        ]}
      />
    </Card>
  );
}

/** /units: the unit tree on the left, the selected unit (`?id=`) on the right. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const { canCreateRoot } = useUnitReach();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id') ?? undefined;
  const unit = useUnit(selectedId);
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [moving, setMoving] = useState<UnitView | null>(null);
  const [merging, setMerging] = useState<UnitView | null>(null);
  const select = (id: string) => setParams({ id }, { replace: true });
  // On a phone the details sit below the tree: bring them into view when a unit is picked.
  const screens = Grid.useBreakpoint();
  const detailsRef = useRef<HTMLDivElement>(null);
  const stacked = screens.md === false;
  useEffect(() => {
    if (selectedId && stacked) detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [selectedId, stacked]);

  let details: ReactNode;
  if (!selectedId) details = <Empty description={t('directory.units.selectHint')} />;
  else if (unit.isPending) details = <Skeleton active />;
  else if (!unit.data) details = <Empty description={errorText(unit.error, t)} />;
  else {
    const u = unit.data;
    details = (
      <UnitDetails
        unit={u}
        onCreateChild={() => setForm({ mode: 'create', parent: u })}
        onEdit={() => setForm({ mode: 'edit', unit: u })}
        onMove={() => setMoving(u)}
        onMerge={() => setMerging(u)}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('directory.units.title')}
        extra={
          canCreateRoot ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ mode: 'create', parent: null })}
              data-testid="create-unit"
            >
              {t('directory.units.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]} className="gx-unit-layout">
        <Col xs={24} md={10} xl={8}>
          <Card size="small">
            <UnitTree selectedId={selectedId} onSelect={select} />
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16} ref={detailsRef}>
          {selectedId ? details : <Card>{details}</Card>}
        </Col>
      </Row>
      <UnitFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(saved) => {
          setForm(null);
          select(saved.id);
        }}
      />
      <UnitMoveModal
        key={moving?.id ?? 'none'}
        unit={moving}
        allowTopLevel={canCreateRoot}
        onClose={() => setMoving(null)}
        onDone={() => setMoving(null)}
      />
      <UnitMergeModal
        key={merging?.id ?? 'none'}
        unit={merging}
        onClose={() => setMerging(null)}
        onDone={(targetId) => {
          setMerging(null);
          select(targetId);
        }}
      />
    </>
  );
}
