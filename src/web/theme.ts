// The one Mantine theme. PEMDA_PRIMARY is the pemda's colour; change it here (later: from the
// instance settings) and every primary element follows.
import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

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

/**
 * Mantine's palette with its darker half (shades 5-9) darkened so text in any variant (filled
 * buttons, light and outline badges, coloured text) reaches WCAG AA 4.5:1 on white and on its own
 * light tint. Mantine's default red/orange/teal buttons and badges fail it (axe: color-contrast).
 */
const readable = (name: keyof typeof DEFAULT_THEME.colors, dark: [string, string, string, string, string]): MantineColorsTuple =>
  [...DEFAULT_THEME.colors[name]!.slice(0, 5), ...dark] as unknown as MantineColorsTuple;

export const READABLE_COLORS = {
  red: readable('red', ['#b02323', '#a11f1f', '#8f1b1b', '#7d1717', '#6b1313']),
  orange: readable('orange', ['#a94400', '#9c3f00', '#8c3800', '#7a3100', '#682a00']),
  teal: readable('teal', ['#066e53', '#06644d', '#055743', '#044c3a', '#034032']),
  green: readable('green', ['#236b31', '#1f602c', '#1b5427', '#174822', '#133c1c']),
  yellow: readable('yellow', ['#8a5d00', '#7d5400', '#6f4b00', '#614200', '#533800']),
  blue: readable('blue', ['#1864ab', '#165c9e', '#14538f', '#114a80', '#0f4170']),
  cyan: readable('cyan', ['#0b6f82', '#0a6677', '#095c6b', '#08515e', '#064652']),
  gray: readable('gray', ['#5c636b', '#50575e', '#495057', '#343a40', '#212529']),
};

export const theme = createTheme({
  primaryColor: 'pemda',
  primaryShade: { light: 7, dark: 5 },
  colors: { pemda: PEMDA_PRIMARY, ...READABLE_COLORS },
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
