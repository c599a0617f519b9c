// The benchmark report is written from the parts' JSON results, where a receiver that answered
// nothing during a load run has Infinity / NaN figures, stored by JSON as null: the report says
// "n/a" for them instead of failing after minutes of measuring.
import type { RealN8nResult } from '../../bench/realN8n';
import { renderReport, type Results } from '../../bench/report';

const machine = {
	date: '2026-12-01T00:00:00Z',
	cpu: 'test CPU',
	cores: 2,
	memoryBytes: 1024,
	os: 'test OS',
	node: 'v24',
	n8n: '2.41.1',
	loadAverageBefore: [1],
	loadAverageAfter: [1],
};

function realN8nWithSilentReceiver(): RealN8nResult {
	const answered = { bytesOf: 'Sarv (TES)', bodyBytes: 100, p50Ms: 10, p99Ms: 20, errors: 0, non2xx: 0 };
	return {
		profile: 'default',
		n8nVersion: '2.41.1',
		connections: 10,
		durationSeconds: 10,
		warmupSeconds: 2,
		rounds: 1,
		env: {},
		targets: [
			{ ...answered, target: 'n8n Webhook node', requestsPerSecond: 20, drainSeconds: 0.1, processedPerSecond: 19, cpuMsPerDelivery: 90 },
			// As read back from JSON after a run in which the trigger answered no request.
			{ ...answered, target: 'Sarv Trigger', requestsPerSecond: 0, drainSeconds: null, processedPerSecond: null, cpuMsPerDelivery: null } as never,
		],
		runs: [],
		comparisons: [],
		lifecycle: [],
		notes: [],
		seconds: { start: 20, total: 60 },
	};
}

test('a load run in which a receiver answered nothing is reported as n/a, not a crash', () => {
	const results: Results = { machine, command: 'npm run bench', seconds: 60, realN8n: realN8nWithSilentReceiver(), failures: {} };
	const report = renderReport(results);
	const row = report.split('\n').find((line) => line.startsWith('| Sarv Trigger |'));
	expect(row).toContain('n/a');
	expect(report).toContain('| n8n Webhook node |');
});
