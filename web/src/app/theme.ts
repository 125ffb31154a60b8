import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

// Aegean blue. The primary shade (7) gives 7:1 against white, so filled buttons, links
// and "light" variants pass WCAG AA for normal text; Mantine's default blue-6 does not (3.6:1).
const aegean: MantineColorsTuple = [
  '#e8f1fa',
  '#cfe0f2',
  '#9ec1e5',
  '#6aa0d7',
  '#3f84cb',
  '#2672c3',
  '#1563b3',
  '#0b5596',
  '#0b4f8a',
  '#063f70',
];

export const theme = createTheme({
  primaryColor: 'aegean',
  primaryShade: { light: 7, dark: 4 },
  colors: { aegean },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  focusRing: 'auto',
  respectReducedMotion: true,
  cursorType: 'pointer',
});

// Mantine's dimmed text (gray-6, 3.3:1), placeholder and error colours fail AA on white; darken them.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#545b63',
    '--mantine-color-placeholder': '#6a7179',
    '--mantine-color-anchor': '#0b5596',
    // field errors in red-6 (3.3:1) fail AA too; red-9 gives 5.7:1 on white
    '--mantine-color-error': '#c92a2a',
  },
  dark: {},
});
