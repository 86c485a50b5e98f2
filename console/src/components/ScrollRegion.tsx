import type { ReactNode } from 'react';

/**
 * A region that scrolls sideways when its content (a wide table) is wider than the screen, and takes keyboard
 * focus so it can be scrolled without a mouse (axe: scrollable-region-focusable). Use it instead of a Table's
 * `scroll.x`, whose scrolling box cannot be focused.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}
