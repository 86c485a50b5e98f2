import { LuckyDrawChance } from './lucky-draw-chance.entity';
import { LuckyDrawEntry } from './lucky-draw-entry.entity';
import { LuckyDrawPrize } from './lucky-draw-prize.entity';
import { LuckyDraw } from './lucky-draw.entity';

export const LUCKY_DRAW_ENTITIES = [LuckyDraw, LuckyDrawPrize, LuckyDrawChance, LuckyDrawEntry];
