import { Grid } from 'antd';

/**
 * Sticky table columns help on wide screens but eat a phone's whole width, so columns are only
 * fixed from the `md` breakpoint up; below it the whole table scrolls sideways inside its card.
 */
export function useFixedColumns(): { left?: 'left'; right?: 'right' } {
  const screens = Grid.useBreakpoint();
  return screens.md ? { left: 'left', right: 'right' } : {};
}
