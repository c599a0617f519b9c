// What every benchmark part shares: where the repository is, loading the compiled package from
// dist/ (what users run), timing with medians, and handing results to the report as JSON files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = path.join(dir, 'package.json');
		if (existsSync(manifest)) {
			const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
			if (name === 'n8n-nodes-email-webhooks') return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`bench: no n8n-nodes-email-webhooks package.json above ${__dirname}`);
		dir = parent;
	}
}

export const REPO_ROOT = process.env.BENCH_REPO_ROOT ?? findRepoRoot();

/** Where each part writes its results (git-ignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, '.cache', 'bench-results');

/** The compiled package: dist/ (BENCH_DIST may point elsewhere while developing the bench). */
export const DIST_DIR = process.env.BENCH_DIST ?? path.join(REPO_ROOT, 'dist');

/** `require` of a compiled module of the package, e.g. `distRequire('nodes/Tes/parseTesDelivery')`. */
export function distRequire<T>(modulePath: string): T {
	return require(path.join(DIST_DIR, modulePath)) as T;
}

export function distExists(modulePath: string): boolean {
	return existsSync(path.join(DIST_DIR, `${modulePath}.js`));
}

export function writeResult(part: string, result: unknown): void {
	mkdirSync(RESULTS_DIR, { recursive: true });
	writeFileSync(path.join(RESULTS_DIR, `${part}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

export function readResult<T>(part: string): T | undefined {
	const file = path.join(RESULTS_DIR, `${part}.json`);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export function msSince(start: bigint): number {
	return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A full collection when the process runs with --expose-gc, so one sample never pays for another's garbage. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
}

/** Keeps results reachable so the optimizer cannot drop the work that produced them. */
export const sink: unknown[] = [];

export type Timed = () => unknown | Promise<unknown>;

/**
 * Times each function `runs` times after `warmup` rounds, interleaving them (the order rotates
 * every round) so that machine noise (other processes on a shared box) hits all alike.
 * Returns every sample in milliseconds, by name.
 */
export async function timeInterleaved(
	functions: Record<string, Timed>,
	options: { warmup: number; runs: number },
): Promise<Record<string, number[]>> {
	const names = Object.keys(functions);
	const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = 0; round < options.warmup + options.runs; round++) {
		for (let k = 0; k < names.length; k++) {
			const name = names[(round + k) % names.length];
			collectGarbage();
			const start = process.hrtime.bigint();
			const result = functions[name]();
			if (result instanceof Promise) sink[0] = await result;
			else sink[0] = result;
			const elapsed = msSince(start);
			if (round >= options.warmup) samples[name].push(elapsed);
		}
	}
	sink.length = 0;
	return samples;
}

export function formatMs(ms: number): string {
	if (!Number.isFinite(ms)) return 'n/a';
	if (ms >= 100) return `${ms.toFixed(0)} ms`;
	if (ms >= 10) return `${ms.toFixed(1)} ms`;
	return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return 'n/a';
	if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
	if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes.toFixed(0)} B`;
}

export function formatRate(perSecond: number): string {
	if (!Number.isFinite(perSecond)) return 'n/a';
	if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
	if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
	return `${perSecond.toFixed(0)}/s`;
}
