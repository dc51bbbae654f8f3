import { FileExcelOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { Alert, App, Button, Flex, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../components/errors';
import { AccommodationPart } from './accommodation-part';
import { downloadLogistics, useLogistics } from './api';
import { MaterialsPart } from './materials-part';
import { MealsPart } from './meals-part';
import { SatisfactionCard } from './satisfaction-card';
import { TransportPart } from './transport-part';
import './logistics.css';

const PARTS = ['accommodation', 'meals', 'transport', 'materials'] as const;
type Part = (typeof PARTS)[number];

/** The class's 食宿与接站 tab: accommodation, meals, pick-ups and materials, the part kept in the address. */
export function LogisticsTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = useLogistics(cls.id);
  const [downloading, setDownloading] = useState(false);
  const requested = params.get('part') as Part | null;
  const part: Part = requested && PARTS.includes(requested) ? requested : 'accommodation';

  const setPart = (next: Part) => {
    const p = new URLSearchParams(params);
    if (next === 'accommodation') p.delete('part');
    else p.set('part', next);
    setParams(p, { replace: true });
  };

  const download = async () => {
    setDownloading(true);
    try {
      await downloadLogistics(cls.id, `${cls.code}-logistics.xlsx`);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setDownloading(false);
    }
  };

  const view = query.data;
  return (
    <Flex vertical gap={16} data-testid="lg-tab" className="lg-tab">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<Part>
          value={part}
          onChange={setPart}
          data-testid="lg-parts"
          options={PARTS.map((p) => ({
            value: p,
            label: <span data-testid={`lg-part-${p}`}>{t(`logistics.part.${p}`)}</span>,
          }))}
        />
        <Button
          icon={<FileExcelOutlined />}
          onClick={download}
          loading={downloading}
          data-testid="lg-download"
        >
          {t('logistics.download')}
        </Button>
      </Flex>
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError || !view ? (
        <Alert type="error" showIcon title={errorText(query.error, t)} />
      ) : (
        <>
          {part === 'accommodation' ? <AccommodationPart view={view} /> : null}
          {part === 'meals' ? <MealsPart view={view} /> : null}
          {part === 'transport' ? <TransportPart view={view} /> : null}
          {part === 'materials' ? <MaterialsPart view={view} /> : null}
          <SatisfactionCard satisfaction={view.satisfaction} />
        </>
      )}
    </Flex>
  );
}
