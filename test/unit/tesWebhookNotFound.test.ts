// When TES's answer to a delete means "already gone": a ValidationError naming the webhook id,
// whether the error's kind comes as `name` or as `type` (both dialects exist, docs/providers.md).
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { isTesWebhookNotFound } from '../../nodes/Tes/transport/tesWebhooks';

const node: INode = { id: '1', name: 'Sarv', type: 'sarv', typeVersion: 1, position: [0, 0], parameters: {} };
const tesError = (body: JsonObject) => new NodeApiError(node, body, { message: String(body.message) });

describe('isTesWebhookNotFound', () => {
	test.each<JsonObject>([
		{ status: 'error', code: -1, name: 'ValidationError', message: 'Invalid webhook_id' },
		{ status: 'error', code: '-1', type: 'ValidationError', message: 'Invalid webhook_id' },
		{ status: 'error', code: -1, type: 'ValidationError', message: 'Webhook not found' },
	])('%j is "already gone"', (body) => {
		expect(isTesWebhookNotFound(tesError(body))).toBe(true);
	});

	test.each<JsonObject>([
		{ status: 'error', code: -1, name: 'ValidationError', message: 'Invalid url' },
		{ status: 'error', code: -1, name: 'AuthenticationError', message: 'Token MissMatch' },
		{ status: 'error', code: -1, type: 'GeneralError', message: 'Invalid webhook_id' },
	])('%j is an error, not "already gone"', (body) => {
		expect(isTesWebhookNotFound(tesError(body))).toBe(false);
	});

	test('a transport error is not "already gone"', () => {
		expect(isTesWebhookNotFound(new Error('socket hang up'))).toBe(false);
		expect(isTesWebhookNotFound(undefined)).toBe(false);
	});
});
