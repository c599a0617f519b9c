// Turns the parts' JSON results into the Markdown that `npm run bench` prints and writes to
// BENCHMARKS.md: the machine, a target summary, then one section per part.
import type { FootprintResult } from './footprint';
import type { LifecycleResult } from './lifecycle';
import { formatBytes, formatMs, formatRate } from './lib/common';
import type { RealN8nResult } from './realN8n';
import type { ReceivePathResult } from './receivePath';

export interface Machine {
	date: string;
	cpu: string;
	cores: number;
	memoryBytes: number;
	os: string;
	node: string;
	n8n: string;
	loadAverageBefore: number[];
	loadAverageAfter: number[];
}

export interface Results {
	machine: Machine;
	command: string;
	seconds: number;
	receivePath?: ReceivePathResult;
	lifecycle?: LifecycleResult;
	footprint?: FootprintResult;
	realN8n?: RealN8nResult;
	/** The same with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (shorter). */
	realN8nLazy?: RealN8nResult;
	failures: Record<string, string>;
	/**
	 * bench/history.md as it stands: how the figures moved from change to change, written by
	 * hand after a run (each run measures only the code it runs).
	 */
	history?: string;
}

type Row = Array<string | number>;

function table(header: string[], rows: Row[]): string {
	const align = header.map((_, i) => (rows.every((row) => /^[\d.,\s×x%+-]+(ms|KB|MB|B|s|\/s|k\/s|M\/s)?$/.test(String(row[i]))) ? '---:' : '---'));
	return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');
/** A figure with `digits` decimals; 'n/a' when a run produced none (JSON turns Infinity into null). */
const fixed = (value: number | null, digits: number) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const met = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');

function summary(results: Results): string {
	const rows: Row[] = [];
	const receive = results.receivePath;
	for (const c of receive?.cases ?? []) {
		rows.push([`Receive path ≤ 2× JSON.parse: ${c.name}`, `${ratio(c.ratio)} (ours on top of JSON.parse: ${ratio(c.ratio - 1)})`, met(c.ratio <= 2)]);
	}
	if (!receive) rows.push(['Receive path ≤ 2× JSON.parse', 'not measured', met(undefined)]);
	const real = results.realN8n;
	for (const c of (real?.comparisons ?? []).filter((comparison) => comparison.primary)) {
		rows.push([
			`Real n8n throughput ≥ 0.9× Webhook node: ${c.trigger}`,
			`${ratio(c.processedRatio)} executed deliveries/s (answers/s ${ratio(c.throughputRatio)}; per n8n CPU second ${ratio(c.capacityRatio)})`,
			met(c.processedRatio >= 0.9),
		]);
		rows.push([`Real n8n p99 latency ≤ 1.2× Webhook node: ${c.trigger}`, ratio(c.p99Ratio), met(c.p99Ratio <= 1.2)]);
	}
	if (!real) rows.push(['Real n8n throughput and p99 vs Webhook node', 'not measured', met(undefined)]);
	for (const provider of results.lifecycle?.providers ?? []) {
		const fresh = provider.steps.find((s) => s.step === 'fresh activation');
		const restart = provider.steps.find((s) => s.step === 'restart, webhook registered');
		// Look up by URL, create, list again: since issue 12 every create is followed by a list
		// that keeps the oldest webhook for the URL (a slow provider may have applied a retry too),
		// for Everlytic as for TES (whose add never answered the id).
		const limit = 3;
		if (restart) {
			rows.push([
				`Restart with webhook present = 1 read, 0 writes: ${provider.provider}`,
				`${restart.reads} read, ${restart.writes} write`,
				met(restart.reads === 1 && restart.writes === 0),
			]);
		}
		if (fresh) {
			rows.push([`Fresh activation ≤ ${limit} calls: ${provider.provider}`, `${fresh.calls.length} calls`, met(fresh.calls.length <= limit)]);
		}
	}
	const footprint = results.footprint;
	if (footprint) {
		rows.push(['Tarball ≤ 100 KB', formatBytes(footprint.tarballBytes), met(footprint.tarballBytes <= 100 * 1024)]);
		rows.push(['Runtime dependencies = 0', String(footprint.runtimeDependencies.length), met(footprint.runtimeDependencies.length === 0)]);
		rows.push([
			'All nodes and credentials load ≤ 50 ms',
			`${formatMs(footprint.load.oursMs)}${footprint.load.missing.length > 0 ? ` (${footprint.load.missing.length} declared files missing!)` : ''}`,
			met(footprint.load.oursMs <= 50 && footprint.load.missing.length === 0),
		]);
	} else {
		rows.push(['Tarball, dependencies, load time', 'not measured', met(undefined)]);
	}
	return table(['Target (issue 6)', 'Measured', 'Result'], rows);
}

function receiveSection(receive: ReceivePathResult): string {
	const out: string[] = [];
	out.push(
		`Medians of ${receive.runs} runs after ${receive.warmup} warm-up runs, in one process, "JSON.parse" and "ours" interleaved ` +
			'(a full GC before each run). "Ours" is what a delivery costs before n8n starts the execution: n8n\'s own body parse ' +
			"(`JSON.parse` of the bytes) and then the trigger's `webhook()` from `dist/` (signature or Basic-auth check, parse, " +
			'filter, normalize, de-duplicate, answer), with a minimal stand-in for n8n\'s webhook context. Output mode "normalized", events "All". ' +
			'The ratio is the median of the runs\' own ratios: a run times both back to back, so a slow moment of the shared machine weighs on both sides.',
	);
	out.push('');
	out.push(
		table(
			['Delivery', 'Bytes', 'JSON.parse alone', 'JSON.parse + ours', 'Ratio (target ≤ 2×)', 'Events/s (ours)', 'How'],
			receive.cases.map((c) => [
				c.name,
				formatBytes(c.bytes),
				formatMs(c.floor.medianMs),
				formatMs(c.total.medianMs),
				ratio(c.ratio),
				formatRate(c.eventsPerSecond),
				c.via,
			]),
		),
	);
	out.push('');
	out.push('Where `webhook()` spends its time (each step timed alone on an already parsed body, medians):');
	out.push('');
	const rows: Row[] = [];
	for (const c of receive.cases) {
		for (const [step, ms] of Object.entries(c.parts)) {
			rows.push([c.name.split(':')[0], step, formatMs(ms), `${((ms / c.floor.medianMs) * 100).toFixed(0)}% of JSON.parse`]);
		}
	}
	out.push(table(['Delivery', 'Step', 'Time', 'Share'], rows));
	return out.join('\n');
}

function realSection(real: RealN8nResult, intro = true): string {
	const out: string[] = [];
	if (intro) {
		out.push(
		`n8n ${real.n8nVersion} (test/e2e/install-n8n.sh), the packed package installed as a community package, SQLite, ` +
			`${Object.entries(real.env)
				.map(([name, value]) => `\`${name}=${value}\``)
				.join(', ')} for every workflow alike. Each workflow is active and ends in a NoOp. ` +
			`autocannon ${real.connections} connections × ${real.durationSeconds} s after a ${real.warmupSeconds} s warm-up, ` +
			`${real.rounds} round(s) in alternating order, 127.0.0.1 only; medians over rounds. The TES delivery holds 50 mixed events ` +
			'signed Mandrill-style with the key the trigger registered; the Everlytic delivery is one standard bounce event with the ' +
			'Basic credentials the trigger registered. The Webhook node receives exactly the same bytes and headers. ' +
			'"Answers/s" is what the load tool saw. No answer waits for its execution to finish (n8n answers, for our triggers as ' +
			"for its Webhook node, once the execution is registered), so \"executed/s\" " +
			"divides the deliveries answered 2xx by the load time plus the time until n8n's metrics counted all their executions " +
			'finished; "backlog after load" is that extra time. ' +
			'"n8n CPU/delivery" is the CPU time (user + system, /proc) the n8n process spent from the start of the load until those ' +
			'executions had finished, per delivery: unlike the wall clock it does not move with other processes on a shared machine, ' +
			'so it is the steadier figure when the machine is shared; it does not see time the main thread spends blocked ' +
			"(e.g. waiting for an expression isolate), which executed/s does. The throughput target is judged on executed/s.",
		);
		out.push('');
	}
	out.push(
		table(
			['Receiver', 'Bytes of', 'Body', 'Answers/s', 'Executed/s', 'n8n CPU/delivery', 'p50', 'p99', 'Backlog after load', 'Errors / non-2xx'],
			real.targets.map((t) => [
				t.target,
				t.bytesOf,
				formatBytes(t.bodyBytes),
				fixed(t.requestsPerSecond, 1),
				fixed(t.processedPerSecond, 1),
				`${fixed(t.cpuMsPerDelivery, 1)} ms`,
				`${t.p50Ms} ms`,
				`${t.p99Ms} ms`,
				`${fixed(t.drainSeconds, 1)} s`,
				`${t.errors} / ${t.non2xx}`,
			]),
		),
	);
	out.push('');
	out.push(
		table(
			['Trigger vs baseline (same bytes)', 'Executed/s (target ≥ 0.9)', 'Per n8n CPU second', 'Answers/s', 'p50', 'p99 (target ≤ 1.2)'],
			real.comparisons.map((c) => [
				`${c.trigger} vs ${c.baseline}${c.primary ? '' : ' (context)'}`,
				ratio(c.processedRatio),
				ratio(c.capacityRatio),
				ratio(c.throughputRatio),
				ratio(c.p50Ratio),
				ratio(c.p99Ratio),
			]),
		),
	);
	if (real.notes.length > 0) {
		out.push('');
		for (const note of real.notes) out.push(`- ${note}`);
	}
	return out.join('\n');
}

function lifecycleSection(results: Results): string {
	const out: string[] = [];
	const lifecycle = results.lifecycle;
	if (lifecycle) {
		out.push(
			`In process (${lifecycle.where}). Each row is one step, counted from the emulator's request log. "Restart, webhook registered" ` +
				'is a new workflow instance given the static data n8n saved (what n8n does on start-up when it re-runs `checkExists`, ' +
				'e.g. with `N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false`); "static data lost" is the same with empty static data.',
		);
		out.push('');
		const rows: Row[] = [];
		for (const provider of lifecycle.providers) {
			for (const [i, step] of provider.steps.entries()) {
				rows.push([provider.provider, step.step, step.calls.length, step.reads, step.writes, step.calls.join(', ') || '—', provider.registered[i]]);
			}
		}
		out.push(table(['Provider', 'Step', 'Calls', 'Reads', 'Writes', 'Calls in order', 'Webhooks for the URL after'], rows));
		for (const skipped of lifecycle.skipped) out.push(`\n- not measured: ${skipped}`);
	}
	const real = results.realN8n;
	if (real && real.lifecycle.length > 0) {
		out.push('');
		out.push(`In the real n8n ${real.n8nVersion} (default publication service), around the benchmark above:`);
		out.push('');
		out.push(
			table(
				['Provider', 'Step', 'Calls', 'Reads', 'Writes', 'Calls in order'],
				real.lifecycle.map((s) => [s.provider, s.step, s.calls.length, s.reads, s.writes, s.calls.join(', ') || '—']),
			),
		);
	}
	return out.join('\n');
}

function footprintSection(footprint: FootprintResult, receive: ReceivePathResult | undefined): string {
	const rows: Row[] = [
		['`npm pack` tarball', formatBytes(footprint.tarballBytes)],
		['Unpacked', `${formatBytes(footprint.unpackedBytes)} in ${footprint.files} files`],
		['Runtime dependencies', footprint.runtimeDependencies.length === 0 ? '0' : footprint.runtimeDependencies.join(', ')],
		['Peer dependencies', footprint.peerDependencies.join(', ') || '—'],
		['Modules the compiled code requires (besides its own files)', footprint.externalRequires.map((name) => `\`${name}\``).join(', ')],
		[
			`Require + construct every node and credential (${footprint.load.nodeFiles} files, fresh process, median of ${footprint.load.runs}, n8n-workflow already loaded as in n8n)`,
			formatMs(footprint.load.oursMs),
		],
		['Loading n8n-workflow itself (n8n has it loaded already; for scale)', formatMs(footprint.load.workflowMs)],
	];
	if (footprint.load.missing.length > 0) rows.push(['Declared in package.json but not built', footprint.load.missing.join(', ')]);
	if (receive) {
		const m = receive.memory;
		rows.push([`Heap held by the parsed body of a ${m.items.toLocaleString('en-US')}-event delivery (${formatBytes(m.deliveryBytes)}; n8n holds it anyway)`, formatBytes(m.parsedBody)]);
		rows.push(['Heap held in addition by the output items while the execution holds them', formatBytes(m.outputItems)]);
		rows.push(['Heap still retained after the delivery and its items are released (after GC)', formatBytes(m.afterRelease)]);
	}
	return table(['Measure', 'Value'], rows);
}

export function renderReport(results: Results): string {
	const { machine } = results;
	const out: string[] = [];
	out.push('# Benchmarks');
	out.push('');
	out.push(
		`Written by \`${results.command}\` (bench/, issue 6) on ${machine.date}, in ${results.seconds.toFixed(0)} s. ` +
			'All figures of one run, side by side; they move with the machine, the ratios much less.',
	);
	out.push('');
	out.push(
		table(
			['Machine', ''],
			[
				['CPU', `${machine.cpu}, ${machine.cores} cores`],
				['Memory', formatBytes(machine.memoryBytes)],
				['OS', machine.os],
				['Node', machine.node],
				['n8n', machine.n8n],
				['Load average before / after (1 min)', `${machine.loadAverageBefore[0].toFixed(2)} / ${machine.loadAverageAfter[0].toFixed(2)}`],
			],
		),
	);
	out.push('');
	out.push('## Targets');
	out.push('');
	out.push(summary(results));
	if (Object.keys(results.failures).length > 0) {
		out.push('');
		out.push('Parts that failed in this run:');
		out.push('');
		for (const [part, error] of Object.entries(results.failures)) out.push(`- **${part}**: ${error.split('\n').slice(0, 6).join(' ')}`);
	}
	if (results.receivePath) {
		out.push('');
		out.push('## 1. Receive path vs JSON.parse');
		out.push('');
		out.push(receiveSection(results.receivePath));
	}
	if (results.realN8n) {
		out.push('');
		out.push('## 2. Through a real n8n, against its Webhook node');
		out.push('');
		out.push(realSection(results.realN8n));
	}
	if (results.realN8nLazy) {
		out.push('');
		out.push('### 2b. The same n8n with `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`');
		out.push('');
		out.push(
			"n8n 2.41 takes an expression isolate (its `vm` expression engine, pool size 1) for every execution and, in the webhook " +
				"phase, for every request whose start node is not its own Webhook node (`LiveWebhooks.webhookPhaseNeedsIsolate`); " +
				'for a start node of typeVersion 1 it also evaluates an expression per request (`parseRequestBody`, ' +
				'`$parameter["options"]["binaryData"]`). With lazy acquisition an isolate is taken only when an expression is ' +
				`evaluated. Shorter pass: ${results.realN8nLazy.rounds} round, no authentication baselines.`,
		);
		out.push('');
		out.push(realSection(results.realN8nLazy, false));
	}
	if (results.lifecycle || results.realN8n) {
		out.push('');
		out.push('## 3. Provider calls per lifecycle step');
		out.push('');
		out.push(lifecycleSection(results));
	}
	if (results.footprint) {
		out.push('');
		out.push('## 4. Footprint');
		out.push('');
		out.push(footprintSection(results.footprint, results.receivePath));
	}
	if (results.history) {
		out.push('');
		out.push(results.history.trim());
	}
	out.push('');
	return out.join('\n');
}
