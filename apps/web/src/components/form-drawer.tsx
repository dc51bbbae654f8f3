import { Button, Drawer, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormDrawerProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Width on a desktop; a phone gets the full width. */
  width: number;
  /** Submits the drawer's form (`form.submit()`). */
  onSave: () => void;
  saving: boolean;
  /** `data-testid` of the save button. */
  saveTestId: string;
  children: ReactNode;
}

/**
 * The side drawer every edit form opens in: cancel and save in the footer, full width on a phone,
 * rendered up front so that the form instance exists before it opens.
 */
export function FormDrawer({
  open,
  onClose,
  title,
  width,
  onSave,
  saving,
  saveTestId,
  children,
}: FormDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={screens.md ? width : '100%'}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={onSave} loading={saving} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
}
