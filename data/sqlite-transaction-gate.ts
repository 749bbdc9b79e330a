import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

// Prisma's better-sqlite3 adapter runs everything on ONE connection. Its lock keeps transactions from overlapping
// each other, but a query outside a transaction still runs at once – inside whatever transaction is open on that
// connection. A turn's write made while another turn's transaction is open was committed or rolled back with that
// transaction: a rollback elsewhere silently undid it (test/integration/sqlite-transaction-gate.test.ts).
// This gate makes queries outside a transaction wait until no transaction is open.

function gate() {
  let open = 0;
  let drained: Promise<void> = Promise.resolve();
  let release = () => {};
  return {
    enter() {
      if (open++ === 0) drained = new Promise<void>((resolve) => (release = resolve));
    },
    leave() {
      if (--open === 0) release();
    },
    async idle() {
      while (open > 0) await drained;
    },
  };
}

function gatedTransaction(transaction: Transaction, leave: () => void): Transaction {
  let left = false;
  const once = () => {
    if (!left) leave();
    left = true;
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            return await target[property]();
          } finally {
            once();
          }
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function gatedAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const transactions = gate();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'queryRaw' || property === 'executeRaw' || property === 'executeScript') {
        return async (...args: unknown[]) => {
          await transactions.idle();
          return (target[property] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          transactions.enter();
          try {
            return gatedTransaction(await target.startTransaction(...args), () => transactions.leave());
          } catch (error) {
            transactions.leave();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The same adapter factory, whose adapters let no query run inside someone else's open transaction. */
export function withTransactionGate<T extends SqlDriverAdapterFactory>(factory: T): T {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === 'connect') return async () => gatedAdapter(await target.connect());
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
