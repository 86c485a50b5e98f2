import type { ThemeConfig } from 'antd';

/**
 * antd's defaults fail WCAG AA contrast in places (white on #1677ff is 4.1:1; descriptions at 45% black on white
 * are 2.8:1): a darker primary and darker secondary texts.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Placeholders (a Select's "all statuses") at antd's 25% black are 1.9:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // A danger button's text (#ff4d4f) is 3.3:1 on white; red-7 is 5.6:1 (error messages darken with it).
    colorError: '#cf1322',
    // Green and gold tags write in green-7 / gold-7 on green-1 / gold-1: 3.4:1 and 2.8:1; a darker shade of each
    // (both spellings of the palette key name the same CSS variable).
    green7: '#237804',
    'green-7': '#237804',
    gold7: '#874d00',
    'gold-7': '#874d00',
  },
  components: {
    // An empty table's "no data" text is drawn in the disabled colour (25% black); only there, darker.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};
