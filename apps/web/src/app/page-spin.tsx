import { Flex, Spin } from 'antd';

/** A centred spinner for a page (or the whole app) that is still loading. */
export function PageSpin({ full }: { full?: boolean }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: full ? '100vh' : 240 }}>
      <Spin size="large" />
    </Flex>
  );
}
