import { Lifecycle } from './lifecycle';

type Light = 'red' | 'green' | 'amber' | 'off';
const light = new Lifecycle<Light>({
  name: 'light',
  table: 'lights',
  initial: ['red'],
  transitions: { red: ['green', 'off'], green: ['amber', 'off'], amber: ['red', 'amber', 'off'], off: [] },
});

describe('Lifecycle', () => {
  it('answers the moves its table allows and no others', () => {
    expect(light.canTransition('red', 'green')).toBe(true);
    expect(light.canTransition('green', 'red')).toBe(false);
    expect(light.canTransition('off', 'red')).toBe(false);
    expect(light.statesLeadingTo('off')).toEqual(['red', 'green', 'amber']);
    expect(light.statesLeadingTo('amber')).toEqual(['green', 'amber']);
  });

  it('calls a state terminal when it can only stay where it is', () => {
    expect(light.isTerminal('off')).toBe(true);
    expect(light.isTerminal('amber')).toBe(false);
    expect(light.liveStates).toEqual(['red', 'green', 'amber']);
  });

  it('refuses a table that names an undeclared state', () => {
    expect(
      () =>
        new Lifecycle<'a' | 'b'>({
          name: 'broken',
          table: 't',
          initial: ['a'],
          transitions: { a: ['c' as 'b'], b: [] },
        }),
    ).toThrow(/undeclared/);
  });

  it('writes the conditional UPDATE that leaves exactly the states leading to the target', () => {
    const { sql, params } = light.moveStatement({
      to: 'off',
      where: { id: 'x', zone: ['a', 'b'] },
      set: { switched_at: 't0' },
      also: { sql: 'watts > ? AND watts < ?', params: [1, 9] },
      returning: 'id, zone',
    });
    expect(sql).toBe(
      'UPDATE lights SET status = $1, switched_at = $2 WHERE status = ANY($3) AND id = $4 AND zone = ANY($5) ' +
        'AND (watts > $6 AND watts < $7) RETURNING id, zone',
    );
    expect(params).toEqual(['off', 't0', ['red', 'green', 'amber'], 'x', ['a', 'b'], 1, 9]);
  });

  it('narrows the states left to `from`, and refuses a `from` the table forbids', () => {
    expect(light.moveStatement({ to: 'off', from: ['green'], where: { id: 1 } }).params[1]).toEqual(['green']);
    expect(() => light.moveStatement({ to: 'red', from: ['green'], where: { id: 1 } })).toThrow(/not a transition/);
  });

  it('refuses a move that names no rows', () => {
    expect(() => light.moveStatement({ to: 'off', where: {} })).toThrow(/names the rows/);
  });
});
