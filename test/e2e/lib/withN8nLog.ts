// Makes a failing end-to-end test say what n8n said meanwhile: a test body wrapped here rethrows
// its failure with the lines n8n logged while it ran (restarts included), because an assertion
// about a status code or a missing execution alone rarely tells why.
import type { N8n } from './n8nInstance';

/** How much of the log a failure carries: the end is where the cause usually is. */
const MAX_LOG_LINES = 120;

/**
 * Wraps a test body (also one of `test.each`, whose arguments pass through). `instance` is a
 * function because the N8n is started in `beforeAll`, after the tests are declared.
 */
export function withN8nLog<Args extends unknown[]>(
	instance: () => N8n | undefined,
	body: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
	return async (...args: Args) => {
		const n8n = instance();
		await withN8nLogSince(n8n, n8n?.logMark() ?? 0, async () => await body(...args));
	};
}

/** Runs `body`; a failure carries what n8n logged since `mark` (from `n8n.logMark()`). */
export async function withN8nLogSince(n8n: N8n | undefined, mark: number, body: () => Promise<void>): Promise<void> {
	try {
		await body();
	} catch (error) {
		if (n8n && error instanceof Error) error.message += describeLog(n8n.logSince(mark));
		throw error;
	}
}

function describeLog(text: string): string {
	if (text.trim() === '') return '\n\n(n8n logged nothing meanwhile)';
	const lines = text.trimEnd().split('\n');
	// Indented and marked, so that jest does not take n8n's stack traces for the test's own.
	const shown = lines.slice(-MAX_LOG_LINES).map((line) => `  │ ${line}`);
	const cut = lines.length > MAX_LOG_LINES ? ` (last ${MAX_LOG_LINES} lines)` : '';
	return `\n\nn8n's log meanwhile${cut}:\n${shown.join('\n')}`;
}
