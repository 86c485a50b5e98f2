import type { ThemeConfig } from 'antd';

/**
 * antd's defaults fail WCAG AA contrast in places (white on #1677ff is 4.1:1; descriptions at 45% black on white
 * are 2.8:1): a darker primary, and darker hover and active shades than antd derives (its hover blue is lighter
 * than the primary), and darker secondary texts. A Select's placeholder is an element axe checks (25% black is
 * 1.6:1); error texts and danger buttons take colorError (#ff4d4f on white is 3.3:1).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Green and gold tags write in green-7 / gold-7 on green-1 / gold-1 (3.4:1 and 2.8:1): a darker shade of each.
    // Both spellings of a palette key name the same CSS variable, so both are set (green7 alone changes nothing).
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
