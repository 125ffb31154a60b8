import type { SVGProps } from 'react';

/** A certificate with a seal (Tabler "certificate" style), drawn inline: no icon library in the entry chunk. */
export function IconCertificate(props: SVGProps<SVGSVGElement>) {
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
      <path d="M15 15m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0" />
      <path d="M13 17.5v4.5l2 -1.5l2 1.5v-4.5" />
      <path d="M10 19h-5a2 2 0 0 1 -2 -2v-10c0 -1.1 .9 -2 2 -2h14a2 2 0 0 1 2 2v10a2 2 0 0 1 -1 1.73" />
      <path d="M6 9h12" />
      <path d="M6 12h3" />
    </svg>
  );
}

/** Line drawings for the life events, in the same style (emoji depend on the device's fonts: kiosks often have none). */
const EVENT_PATHS: Record<string, string[]> = {
  birth: ['M19.5 12.572l-7.5 7.428l-7.5 -7.428a5 5 0 1 1 7.5 -6.566a5 5 0 1 1 7.5 6.572'],
  marriage: ['M9 14m-5 0a5 5 0 1 0 10 0a5 5 0 1 0 -10 0', 'M15 14m-5 0a5 5 0 1 0 10 0a5 5 0 1 0 -10 0', 'M10 4l2 2l2 -2'],
  residence: ['M5 12l-2 0l9 -9l9 9l-2 0', 'M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2 -2v-7', 'M10 21v-6h4v6'],
  business: ['M3 9l1.5 -5h15l1.5 5', 'M4 9v12h16v-12', 'M3 9h18', 'M9 21v-6h6v6'],
  children: ['M12 12m-9 0a9 9 0 1 0 18 0a9 9 0 1 0 -18 0', 'M9 10h.01', 'M15 10h.01', 'M9.5 15a3.5 3.5 0 0 0 5 0'],
  military: ['M12 4v3', 'M8 4v6', 'M16 4v6', 'M12 18.5l-3 1.5l.5 -3.5l-2 -2l3 -.5l1.5 -3l1.5 3l3 .5l-2 2l.5 3.5z'],
  death: ['M9 21h6', 'M10 21v-10h4v10', 'M12 11v-2', 'M12 3c1 1.5 1 2.5 0 4c-1 -1.5 -1 -2.5 0 -4z'],
};
const DOCUMENT_PATHS = ['M14 3v4a1 1 0 0 0 1 1h4', 'M17 21h-10a2 2 0 0 1 -2 -2v-14a2 2 0 0 1 2 -2h7l5 5v11a2 2 0 0 1 -2 2z'];

export function EventIcon({ event, size = 24 }: { event: string; size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {(EVENT_PATHS[event] ?? DOCUMENT_PATHS).map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
