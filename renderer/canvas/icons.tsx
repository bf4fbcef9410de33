// The app's icons, drawn as inline SVG so they look the same everywhere: no emoji or symbol
// glyph that a desktop's fonts may lack (an empty box on Linux without an emoji font).
// 16x16 grid, stroked in currentColor so they follow the theme and the kind colours.
import { memo, type ReactNode } from 'react';
import type { NodeKind } from '../../engine/index';

export type IconName =
  | NodeKind
  | 'timeout'
  | 'retry'
  | 'breaker'
  | 'undo'
  | 'redo'
  | 'layout'
  | 'fit'
  | 'simulate'
  | 'review'
  | 'export'
  | 'logo'
  | 'call'
  | 'design'
  | 'chevronLeft'
  | 'chevronRight'
  | 'minimap'
  | 'folder'
  | 'file'
  | 'autoscale';

const PATHS: Record<IconName, ReactNode> = {
  client: (
    <>
      <rect x="2" y="3" width="12" height="8" rx="1.5" />
      <path d="M5.5 14h5M8 11v3" />
    </>
  ),
  gateway: (
    <>
      <path d="M8 1.8 14.2 8 8 14.2 1.8 8Z" />
      <path d="M5 8h6M9 6l2 2-2 2" />
    </>
  ),
  service: <path d="M8 1.7 13.5 4.85v6.3L8 14.3 2.5 11.15v-6.3Z" />,
  saga: (
    <>
      <circle cx="3.5" cy="8" r="1.8" />
      <circle cx="12.5" cy="3.8" r="1.8" />
      <circle cx="12.5" cy="12.2" r="1.8" />
      <path d="M5.2 7.2 10.8 4.6M5.2 8.8l5.6 2.6" />
    </>
  ),
  database: (
    <>
      <ellipse cx="8" cy="3.8" rx="5" ry="2" />
      <path d="M3 3.8v8.4c0 1.1 2.2 2 5 2s5-.9 5-2V3.8M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
    </>
  ),
  cache: (
    <>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M8.8 4.5 6 8.4h4l-2.8 3.9" />
    </>
  ),
  queue: (
    <>
      <rect x="1.8" y="5" width="3" height="6" rx=".6" />
      <rect x="6.5" y="5" width="3" height="6" rx=".6" />
      <path d="M11.5 8h3M13 6.5 14.5 8 13 9.5" />
    </>
  ),
  topic: (
    <>
      <circle cx="3.5" cy="8" r="1.8" />
      <path d="M5.3 8h3M8.3 8l4-4M8.3 8l4 4M8.3 8h4.5" />
    </>
  ),
  timeout: (
    <>
      <circle cx="8" cy="8.6" r="5.6" />
      <path d="M8 5.6v3l2 1.6M6.4 1.6h3.2" />
    </>
  ),
  retry: (
    <>
      <path d="M13 8a5 5 0 1 1-1.6-3.7" />
      <path d="M11.8 1.6v3h-3" />
    </>
  ),
  breaker: <path d="M9.4 1.5 4 9h4l-1.4 5.5L12 7H8Z" />,
  undo: <path d="M5.5 3 2.5 6l3 3M2.5 6H10a3.5 3.5 0 0 1 0 7H7" />,
  redo: <path d="M10.5 3 13.5 6l-3 3M13.5 6H6a3.5 3.5 0 0 0 0 7h3" />,
  layout: (
    <>
      <rect x="1.5" y="6" width="4" height="4" rx=".8" />
      <rect x="10.5" y="2" width="4" height="4" rx=".8" />
      <rect x="10.5" y="10" width="4" height="4" rx=".8" />
      <path d="M5.5 8H8m0 0V4h2.5M8 8v4h2.5" />
    </>
  ),
  fit: <path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5" />,
  simulate: <path d="M4.5 2.5v11l9-5.5Z" />,
  review: <path d="m2.5 8.5 3.5 3.5 7.5-8" />,
  export: <path d="M8 10V2M5 5l3-3 3 3M2.5 9.5v4h11v-4" />,
  logo: (
    <>
      <path d="M8 1.5 13.6 4.75v6.5L8 14.5 2.4 11.25v-6.5Z" />
      <circle cx="8" cy="8" r="1.6" />
    </>
  ),
  call: <path d="M2 8h11M9.5 4.5 13 8l-3.5 3.5" />,
  design: (
    <>
      <rect x="2" y="2" width="12" height="12" rx="1.5" />
      <path d="M2 6h12M6 6v8" />
    </>
  ),
  chevronLeft: <path d="M10 3 5 8l5 5" />,
  chevronRight: <path d="m6 3 5 5-5 5" />,
  minimap: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <rect x="8" y="8" width="5" height="4" rx=".6" />
    </>
  ),
  folder: <path d="M1.8 4.2c0-.7.5-1.2 1.2-1.2h3.2l1.5 1.6H13c.7 0 1.2.5 1.2 1.2v6.2c0 .7-.5 1.2-1.2 1.2H3c-.7 0-1.2-.5-1.2-1.2Z" />,
  autoscale: <path d="M8 1.8v12.4M4.8 5 8 1.8 11.2 5M4.8 11 8 14.2 11.2 11" />,
  file: <path d="M4 1.8h5.2L12.5 5v9.2H4ZM9 1.8V5h3.5" />,
};

/** An icon; `title` makes it announced (else it is decoration, hidden from screen readers). */
export const Icon = memo(function Icon({
  name,
  size = 14,
  title,
  className,
}: {
  name: IconName;
  size?: number;
  title?: string;
  className?: string;
}) {
  return (
    <svg
      className={`mw-icon${className ? ` ${className}` : ''}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      data-icon={name}
    >
      {title && <title>{title}</title>}
      {PATHS[name]}
    </svg>
  );
});
