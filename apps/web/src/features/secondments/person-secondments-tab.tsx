import { Empty } from 'antd';

/** The person page's 挂职交流 tab. Skeleton (issue 7): the helper who owns this folder replaces it. */
export function PersonSecondmentsTab({ personId }: { personId: string }) {
  return <Empty data-person={personId} />;
}
