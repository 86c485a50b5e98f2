import { pickIndex, totalWeight } from './draw-odds';
import { ticketFrom } from './fair-random';

export interface DrawPick<Prize> {
  index: number;
  picked: Prize;
}

/**
 * The first step of a draw: its random value as a ticket over Σ weights of all prizes in their published order,
 * and the prize that ticket picks. Stock plays no part here: the chance store then takes a unit of the picked
 * prize if it is limited, and `settlePick` turns the pick into a win, or a miss when no unit was left.
 */
export function pickPrize<Prize extends { weight: number }>(prizes: readonly Prize[], random: Buffer): DrawPick<Prize> {
  const weights = prizes.map((prize) => prize.weight);
  const index = pickIndex(weights, ticketFrom(random, totalWeight(weights)));
  return { index, picked: prizes[index] };
}
