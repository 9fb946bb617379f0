// The one Mantine theme. PEMDA_PRIMARY is the pemda's colour; change it here (later: from the
// instance settings) and every primary element follows.
import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A calm government blue, light to dark (Mantine needs 10 shades). */
export const PEMDA_PRIMARY: MantineColorsTuple = [
  '#eaf2fc',
  '#d5e2f4',
  '#a8c3e8',
  '#78a2dc',
  '#5086d2',
  '#3774cc',
  '#286bca',
  '#1b5ab3',
  '#0f50a1',
  '#00448f',
];

export const theme = createTheme({
  primaryColor: 'pemda',
  primaryShade: { light: 7, dark: 5 },
  colors: { pemda: PEMDA_PRIMARY },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Button: { defaultProps: { size: 'md' } },
  },
});
