import type { ClassView } from '@ganxun/domain';

/** Placeholder: being written (issue 4). The class page shows it as a tab. */
export function NominationsTab(_props: { cls: ClassView }) {
  return null;
}
