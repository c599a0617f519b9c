// The two pieces every trigger's lifecycle stands on: the one find-by-URL order (which copy is
// "the oldest" that concurrent activations agree to keep) and writeOnceSettled (a write whose
// answer was lost is read back before it is ever sent again).
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { webhooksForUrl, type WebhookIdentity } from '../../nodes/shared/sameWebhookUrl';
import type { ProviderContext } from '../../nodes/shared/transport/providerRequest';
import { mayHaveBeenApplied, writeOnceSettled } from '../../nodes/shared/transport/writeOnceSettled';

interface Hook {
	id: string;
	url: string;
	created: number;
}
const identity: WebhookIdentity<Hook> = { idOf: (h) => h.id, urlOf: (h) => h.url, createdAt: (h) => h.created };
const node = { name: 'Trigger', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ctx = { getNode: () => node } as unknown as ProviderContext;
const failure = (httpCode: string) =>
	new NodeApiError(node, { message: 'failed' } as JsonObject, { httpCode, message: `failed with ${httpCode}` });

describe('webhooksForUrl', () => {
	test('newest first; equal times keep the provider order (later is newer); other URLs left out', () => {
		const hooks: Hook[] = [
			{ id: 'a', url: 'https://n8n.example/webhook/x/webhook', created: 5 },
			{ id: 'b', url: 'https://N8N.example/webhook/x/webhook/', created: 7 },
			{ id: 'c', url: 'https://n8n.example/webhook/x/webhook', created: 5 },
			{ id: 'd', url: 'https://n8n.example/webhook/y/webhook', created: 9 },
		];
		expect(webhooksForUrl(hooks, 'https://n8n.example/webhook/x/webhook', identity).map((h) => h.id)).toEqual(['b', 'c', 'a']);
	});
});

describe('writeOnceSettled', () => {
	test('a write whose answer was lost is not sent again when reading back finds it', async () => {
		const calls: string[] = [];
		let landed = false;
		const result = await writeOnceSettled(ctx, {
			write: async () => {
				calls.push('write');
				throw failure('504');
			},
			readBack: async () => {
				calls.push('read');
				// The write lands while the first read-back is on its way.
				const seen = landed;
				landed = true;
				return seen;
			},
			landed: (found) => found,
			attempts: 3,
		});
		expect(result).toEqual({ found: true });
		expect(calls).toEqual(['write', 'read', 'read']);
	});

	test('a write that did not land is sent again, up to the attempts, then fails with its own error', async () => {
		const calls: string[] = [];
		const unavailable = failure('503');
		const settled = writeOnceSettled(ctx, {
			write: async () => {
				calls.push('write');
				throw unavailable;
			},
			readBack: async () => {
				calls.push('read');
				return false;
			},
			landed: (found) => found,
			attempts: 2,
		});
		await expect(settled).rejects.toBe(unavailable);
		expect(calls).toEqual(['write', 'read', 'read', 'write', 'read', 'read']);
	});

	test('a refused write (4xx) or our own error is not read back', async () => {
		for (const error of [failure('400'), failure('429'), new NodeOperationError(node, 'Select at least one event')]) {
			let reads = 0;
			const settled = writeOnceSettled(ctx, {
				write: async () => {
					throw error;
				},
				readBack: async () => ++reads,
				landed: () => true,
				attempts: 3,
			});
			await expect(settled).rejects.toBe(error);
			expect(reads).toBe(0);
		}
	});

	test('an answered write is read back once and returns its answer', async () => {
		const result = await writeOnceSettled(ctx, {
			write: async () => 'id-1',
			readBack: async () => ['id-1'],
			landed: (found) => found.length > 0,
			attempts: 1,
		});
		expect(result).toEqual({ written: 'id-1', found: ['id-1'] });
	});

	test.each([
		['a timeout or broken connection (no status)', true, undefined],
		['a 5xx', true, '502'],
		['a 4xx', false, '412'],
	])('%s: may have been applied = %s', (_name, expected, httpCode) => {
		const error = new NodeApiError(node, { message: 'x' } as JsonObject, httpCode ? { httpCode } : {});
		expect(mayHaveBeenApplied(error)).toBe(expected);
	});
});
