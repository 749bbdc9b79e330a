import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields that may hold message text or personal data. Log lines carry ids, types, codes and timings only;
 * this list is the safety net for when an object slips through anyway.
 */
export const REDACTED_FIELDS = [
  'text', 'value', 'name', 'firstName', 'lastName', 'displayName', 'givenName', 'surname', 'address', 'street',
  'email', 'phone', 'birthDate', 'dateOfBirth', 'nationalRegisterNumber', 'notes', 'attachments', 'body',
  'reference', 'summary', 'userMessage',
];

const paths = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'nabij' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Error messages can carry input: keep type, code and code locations. pino would copy an error's message
      // into `msg`; a key it does not treat as the error key, plus the hook below, prevents that.
      errorKey: 'errorObject',
      serializers: { err: (error: unknown) => serializeError(error) },
      hooks: {
        logMethod(args, method) {
          if (args[0] instanceof Error) (args as unknown[])[0] = { err: args[0] };
          return method.apply(this, args);
        },
      },
    },
    options.destination,
  );
}

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  // The stack's first line repeats the message; the frames below it are code locations only.
  const frames = error.stack?.split('\n').slice(1, 8).map((line) => line.trim());
  return { type: error.name, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), frames };
}

export type { Logger };
