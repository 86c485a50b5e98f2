import { splitRefund } from './card-allocation';

describe('refund split', () => {
  const payments = [
    { cardId: 'a', takenFen: 6_000, refundedFen: 0 },
    { cardId: 'b', takenFen: 4_000, refundedFen: 1_000 },
  ];

  it('goes back to the cards first, in the order they paid, up to what each has not had back', () => {
    expect(splitRefund(payments, 8_000)).toEqual({
      toCards: [
        { cardId: 'a', amountFen: 6_000 },
        { cardId: 'b', amountFen: 2_000 },
      ],
      toGatewayFen: 0,
    });
  });

  it('sends the rest through the provider once the cards have had all they gave', () => {
    expect(splitRefund(payments, 12_000)).toEqual({
      toCards: [
        { cardId: 'a', amountFen: 6_000 },
        { cardId: 'b', amountFen: 3_000 },
      ],
      toGatewayFen: 3_000,
    });
    expect(splitRefund([], 500)).toEqual({ toCards: [], toGatewayFen: 500 });
  });
});
