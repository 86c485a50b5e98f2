import { DomainError } from '../../platform/errors/domain-error';
import type { JoinRefusal } from './domain/join-rules';

export const groupBuyNotActive = (phase: 'upcoming' | 'ended'): DomainError =>
  new DomainError(
    'GROUP_BUY_NOT_ACTIVE',
    phase === 'upcoming' ? 'This group-buy has not started yet' : 'This group-buy has ended',
    { phase },
  );

export const roomNotOpen = (): DomainError =>
  new DomainError('GROUP_ROOM_NOT_OPEN', 'This room does not accept members now (not open yet, closed, or expired)');

export const roomFull = (): DomainError =>
  new DomainError('GROUP_ROOM_FULL', 'Every seat of this room is taken (paid, or held while awaiting payment)');

export const alreadyMember = (): DomainError =>
  new DomainError('GROUP_ALREADY_MEMBER', 'You already hold or have paid a seat in this room');

/** Reported with GROUP_ALREADY_MEMBER: a shopper leads at most one pending or open room per campaign. */
export const alreadyLeading = (roomId?: string): DomainError =>
  new DomainError(
    'GROUP_ALREADY_MEMBER',
    'You already lead a pending or open room of this group-buy',
    roomId ? { roomId } : undefined,
  );

export function joinRefused(refusal: JoinRefusal): DomainError {
  switch (refusal) {
    case 'GROUP_ROOM_NOT_OPEN':
      return roomNotOpen();
    case 'GROUP_ROOM_FULL':
      return roomFull();
    case 'GROUP_ALREADY_MEMBER':
      return alreadyMember();
  }
}
