import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a page, with its main actions on the right (wrapping on phones). */
export function PageHeader({
  title,
  extra,
  description,
}: {
  title: string;
  extra?: ReactNode;
  description?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="center" wrap gap={12} className="gx-page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
