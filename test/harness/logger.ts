// The quiet Logger the harness puts in n8n's DI container: nothing is printed, every entry is
// recorded, and each entry goes to the harness call (executeNode, runHook, receive...) that was
// running when the node logged it, so a test can assert "the trigger warned" without stacks in
// the output and without seeing another test's logs.
import { AsyncLocalStorage } from 'node:async_hooks';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

const currentSink = new AsyncLocalStorage<LogEntry[]>();

/** Entries logged outside any harness call (n8n internals at load time, stray timers). */
export const unattributedLogs: LogEntry[] = [];

class RecordingLogger {
	private record(level: LogEntry['level'], message: string, meta?: unknown) {
		const sink = currentSink.getStore() ?? unattributedLogs;
		sink.push(meta === undefined ? { level, message } : { level, message, meta });
	}

	error(message: string, meta?: unknown) {
		this.record('error', message, meta);
	}

	warn(message: string, meta?: unknown) {
		this.record('warn', message, meta);
	}

	info(message: string, meta?: unknown) {
		this.record('info', message, meta);
	}

	debug(message: string, meta?: unknown) {
		this.record('debug', message, meta);
	}

	scoped() {
		return this;
	}
}

let installed = false;

/** Replaces n8n's Logger in the container (idempotent). */
export function installRecordingLogger(): void {
	if (installed) return;
	Container.set(Logger, new RecordingLogger() as unknown as Logger);
	installed = true;
}

/** Runs `fn` so that everything logged during it (including in awaited work) lands in `sink`. */
export async function withLogSink<T>(sink: LogEntry[], fn: () => Promise<T>): Promise<T> {
	return await currentSink.run(sink, fn);
}
