/** Text for an antd green Tag at WCAG AA contrast: antd's own (#389e0d on #f6ffed) is 3.4:1, as StatusTag notes. */
export const GREEN_TAG_TEXT = { color: '#135200' };
