import { Db } from '../database/db';

/** Every lifecycle declared through `defineLifecycle`, so one spec can check all their tables. */
const declared: Lifecycle<string>[] = [];

export interface LifecycleDefinition<S extends string> {
  /** What moves through it, for messages: `order`, `refund`, `flash reservation`. */
  name: string;
  /** The table whose rows carry the state, and the column holding it (table and column names from code). */
  table: string;
  column?: string;
  /** The states a row is created in. */
  initial: readonly S[];
  /** States no new row is created in, kept for rows written before a change (they still move on). */
  retired?: readonly S[];
  /** Every state, and the states it may move to (itself, for a move that only updates other columns). */
  transitions: Readonly<Record<S, readonly S[]>>;
}

export interface Move<S extends string> {
  to: S;
  /** Equality conditions on the row: a column and its value, or `ANY` of an array value. */
  where: Readonly<Record<string, unknown>>;
  /** Narrows the states the move may leave to these (each must lead to `to`). */
  from?: readonly S[];
  /** Other columns to set with the state: column name → value. */
  set?: Readonly<Record<string, unknown>>;
  /** Extra SQL condition over the row, with its own parameters numbered after the others (`$n` placeholders as `?`). */
  also?: { sql: string; params: readonly unknown[] };
  /** Columns to return of each moved row; `id` by default. */
  returning?: string;
}

/**
 * A declared state machine: the allowed moves as a table, and the one way a row moves, a conditional UPDATE that
 * names the states it leaves (`WHERE status = ANY(statesLeadingTo(to))`). A row found elsewhere is not moved,
 * and the caller learns it from the empty result, so concurrent movers never both win.
 */
export class Lifecycle<S extends string> {
  readonly name: string;
  readonly table: string;
  readonly column: string;
  readonly initial: readonly S[];
  readonly retired: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly states: readonly S[];

  constructor(definition: LifecycleDefinition<S>) {
    this.name = definition.name;
    this.table = definition.table;
    this.column = definition.column ?? 'status';
    this.initial = definition.initial;
    this.retired = definition.retired ?? [];
    this.transitions = definition.transitions;
    this.states = Object.keys(definition.transitions) as S[];
    for (const [from, targets] of Object.entries(this.transitions) as Array<[S, readonly S[]]>) {
      for (const to of targets) {
        if (!this.states.includes(to)) throw new Error(`${this.name}: ${from} -> ${to}, an undeclared state`);
      }
    }
    for (const state of [...this.initial, ...this.retired]) {
      if (!this.states.includes(state)) throw new Error(`${this.name}: starting state ${state} is undeclared`);
    }
  }

  canTransition(from: S, to: S): boolean {
    return this.transitions[from]?.includes(to) ?? false;
  }

  /** The states a move to `to` leaves: the WHERE clause of the conditional UPDATE that makes it. */
  statesLeadingTo(to: S): S[] {
    return this.states.filter((from) => this.canTransition(from, to));
  }

  isTerminal(state: S): boolean {
    return this.transitions[state].every((to) => to === state);
  }

  /** The states that may still move somewhere else. */
  get liveStates(): S[] {
    return this.states.filter((state) => !this.isTerminal(state));
  }

  /** The states a move to `to` may leave, narrowed to `from` when given; throws on a move the table forbids. */
  leaving(to: S, from?: readonly S[]): S[] {
    const allowed = this.statesLeadingTo(to);
    if (!from) return allowed;
    const forbidden = from.filter((state) => !allowed.includes(state));
    if (forbidden.length > 0) throw new Error(`${this.name}: ${forbidden.join(', ')} -> ${to} is not a transition`);
    return [...from];
  }

  /**
   * Moves the rows matching `where` that are in a state leading to `to`, in one conditional UPDATE (inside the
   * caller's transaction when there is one). Returns the moved rows.
   */
  move<Row = { id: string }>(db: Db, move: Move<S>): Promise<Row[]> {
    const { sql, params } = this.moveStatement(move);
    return db.query<Row>(sql, params);
  }

  /** The statement `move` runs: exposed so a repository can embed it in a larger one (a CTE). */
  moveStatement(move: Move<S>): { sql: string; params: unknown[] } {
    const params: unknown[] = [move.to];
    const placeholder = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const assignments = [`${this.column} = $1`];
    for (const [column, value] of Object.entries(move.set ?? {})) assignments.push(`${column} = ${placeholder(value)}`);
    const conditions = [`${this.column} = ANY(${placeholder(this.leaving(move.to, move.from))})`];
    for (const [column, value] of Object.entries(move.where)) {
      conditions.push(
        Array.isArray(value) ? `${column} = ANY(${placeholder(value)})` : `${column} = ${placeholder(value)}`,
      );
    }
    if (Object.keys(move.where).length === 0) throw new Error(`${this.name}: a move names the rows it moves`);
    if (move.also) {
      let next = 0;
      const also = move.also;
      conditions.push(`(${also.sql.replace(/\?/g, () => placeholder(also.params[next++]))})`);
      if (next !== also.params.length) throw new Error(`${this.name}: ${also.params.length} parameters, ${next} used`);
    }
    return {
      sql: `UPDATE ${this.table} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING ${move.returning ?? 'id'}`,
      params,
    };
  }
}

/** Declares a lifecycle and records it for the spec that checks every table (`lifecycles.spec.ts`). */
export function defineLifecycle<S extends string>(definition: LifecycleDefinition<S>): Lifecycle<S> {
  const lifecycle = new Lifecycle(definition);
  declared.push(lifecycle as unknown as Lifecycle<string>);
  return lifecycle;
}

export function declaredLifecycles(): readonly Lifecycle<string>[] {
  return declared;
}
