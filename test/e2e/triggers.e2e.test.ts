// The Sarv, SendClean and Everlytic triggers in a real n8n that activates workflows the way it
// does by default: Publish answers at once and the triggers' create() runs afterwards, so what
// the user sees is the publication status (scenarios in triggerLifecycle.ts). n8n 1.x has no
// publication service (it always activates synchronously, as triggersSync.e2e.test.ts runs).
import { n8nFlavor } from './lib';
import { describeTriggerLifecycle } from './triggerLifecycle';

if (n8nFlavor() === '2x') {
	describeTriggerLifecycle(true);
} else {
	process.stderr.write('e2e triggers (asynchronous publication): skipped on n8n 1.x, which has no publication service; triggersSync covers 1.x activation\n');
	describe.skip('asynchronous publication (n8n 2.x only: 1.x has no publication service)', () => {
		test('skipped on n8n 1.x', () => undefined);
	});
}
