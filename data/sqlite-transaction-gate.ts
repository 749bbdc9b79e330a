import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

// Prisma's better-sqlite3 adapter runs everything on ONE connection. Its lock keeps transactions from overlapping
// each other, but a query outside a transaction still runs at once – inside whatever transaction is open on that
// connection. A turn's write made while another turn's transaction was open was committed or rolled back with that
// transaction: a rollback elsewhere silently undid it (test/integration/sqlite-transaction-gate.test.ts).
// This gate is one first-come-first-served lock for the connection: a transaction holds it from BEGIN to COMMIT or
// ROLLBACK, a query outside a transaction for its one call. So no query runs inside someone else's transaction, and
// none waits longer than the transactions that were already waiting (waiting for "no transaction open" could last
// for ever under steady load).

function fifoLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    /** Resolves, in the order asked, with the function that releases the lock. */
    async acquire(): Promise<() => void> {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => released);
      await previous;
      return release;
    },
  };
}

function gatedTransaction(transaction: Transaction, release: () => void): Transaction {
  let released = false;
  const once = () => {
    if (!released) release();
    released = true;
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
  const lock = fifoLock();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'queryRaw' || property === 'executeRaw' || property === 'executeScript') {
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return await (target[property] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            release();
          }
        };
      }
      if (property === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const release = await lock.acquire();
          try {
            return gatedTransaction(await target.startTransaction(...args), release);
          } catch (error) {
            release();
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
