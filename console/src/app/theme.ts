import type { ThemeConfig } from 'antd';

/**
 * antd's defaults fail WCAG AA contrast in places (white on #1677ff is 4.1:1; descriptions at 45% black on white
 * are 2.8:1; danger buttons and field errors in #ff4d4f are 3.3:1): a darker primary, error red and secondary texts.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  },
};
