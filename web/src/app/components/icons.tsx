// A handful of inline stroke icons (Tabler style) so the citizen bundle carries no icon library.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Icon({ paths, ...props }: IconProps & { paths: string[] }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={24}
      height={24}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {paths.map((p) => (
        <path key={p} d={p} />
      ))}
    </svg>
  );
}

export const IconHome = (props: IconProps) =>
  Icon({ ...props, paths: ['M5 12l-2 0l9 -9l9 9l-2 0', 'M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2 -2v-7', 'M9 21v-6h6v6'] });
export const IconMap = (props: IconProps) =>
  Icon({ ...props, paths: ['M3 7l6 -3l6 3l6 -3v13l-6 3l-6 -3l-6 3v-13', 'M9 4v13', 'M15 7v13'] });
export const IconPlus = (props: IconProps) => Icon({ ...props, paths: ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0 -18z', 'M9 12h6', 'M12 9v6'] });
export const IconList = (props: IconProps) =>
  Icon({ ...props, paths: ['M9 6h11', 'M9 12h11', 'M9 18h11', 'M5 6v.01', 'M5 12v.01', 'M5 18v.01'] });
export const IconBell = (props: IconProps) =>
  Icon({
    ...props,
    paths: ['M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3h-16a4 4 0 0 0 2 -3v-3a7 7 0 0 1 4 -6', 'M9 17v1a3 3 0 0 0 6 0v-1'],
  });
export const IconUser = (props: IconProps) =>
  Icon({ ...props, paths: ['M8 7a4 4 0 1 0 8 0a4 4 0 0 0 -8 0', 'M6 21v-2a4 4 0 0 1 4 -4h4a4 4 0 0 1 4 4v2'] });
export const IconInfo = (props: IconProps) =>
  Icon({ ...props, paths: ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0 -18z', 'M12 8h.01', 'M11 12h1v4h1'] });
export const IconInbox = (props: IconProps) => Icon({ ...props, paths: ['M4 4h16v16h-16z', 'M4 13h3l3 3h4l3 -3h3'] });
export const IconFolder = (props: IconProps) =>
  Icon({ ...props, paths: ['M5 4h4l3 3h7a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-11a2 2 0 0 1 2 -2'] });
export const IconSpeaker = (props: IconProps) =>
  Icon({
    ...props,
    paths: [
      'M18 8a3 3 0 0 1 0 6',
      'M10 8v11a1 1 0 0 1 -1 1h-1a1 1 0 0 1 -1 -1v-5',
      'M12 8h0l4.524 -3.77a.9 .9 0 0 1 1.476 .692v12.156a.9 .9 0 0 1 -1.476 .692l-4.524 -3.77h-8a1 1 0 0 1 -1 -1v-4a1 1 0 0 1 1 -1h8',
    ],
  });
export const IconNews = (props: IconProps) =>
  Icon({
    ...props,
    paths: [
      'M16 6h3a1 1 0 0 1 1 1v11a2 2 0 0 1 -4 0v-13a1 1 0 0 0 -1 -1h-10a1 1 0 0 0 -1 1v12a3 3 0 0 0 3 3h11',
      'M8 8h4',
      'M8 12h4',
      'M8 16h4',
    ],
  });
export const IconCalendar = (props: IconProps) =>
  Icon({
    ...props,
    paths: ['M4 7a2 2 0 0 1 2 -2h12a2 2 0 0 1 2 2v12a2 2 0 0 1 -2 2h-12a2 2 0 0 1 -2 -2v-12z', 'M16 3v4', 'M8 3v4', 'M4 11h16'],
  });
export const IconSettings = (props: IconProps) =>
  Icon({
    ...props,
    paths: [
      'M12 9a3 3 0 1 0 0 6a3 3 0 0 0 0 -6z',
      'M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06 .06a2 2 0 1 1 -2.83 2.83l-.06 -.06a1.65 1.65 0 0 0 -2.82 1.17v.18a2 2 0 1 1 -4 0v-.09a1.65 1.65 0 0 0 -2.91 -1.1l-.06 .06a2 2 0 1 1 -2.83 -2.83l.06 -.06a1.65 1.65 0 0 0 -1.17 -2.82h-.18a2 2 0 1 1 0 -4h.09a1.65 1.65 0 0 0 1.1 -2.91l-.06 -.06a2 2 0 1 1 2.83 -2.83l.06 .06a1.65 1.65 0 0 0 2.82 -1.17v-.18a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 2.91 1.1l.06 -.06a2 2 0 1 1 2.83 2.83l-.06 .06a1.65 1.65 0 0 0 1.17 2.82h.18a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0 -1.51 1z',
    ],
  });
export const IconLogout = (props: IconProps) =>
  Icon({
    ...props,
    paths: ['M14 8v-2a2 2 0 0 0 -2 -2h-7a2 2 0 0 0 -2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2 -2v-2', 'M9 12h12l-3 -3', 'M18 15l3 -3'],
  });
