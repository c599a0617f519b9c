// The harness's own re-implementation of n8n's server-side `authenticate` handling: the one
// place where the harness, not n8n, decides what a request looks like.
import type { ICredentialType, IHttpRequestOptions, INodeType } from 'n8n-workflow';

import { applyCredentialAuthentication } from './credentialsHelper';
import { buildNodeFixture } from './workflowFixture';

const plainNode: INodeType = {
	description: {
		displayName: 'Plain',
		name: 'plain',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Plain' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

const { workflow, node } = buildNodeFixture({ nodeType: plainNode, parameters: {} });

function genericType(properties: Record<string, Record<string, string>>): ICredentialType {
	return {
		name: 'genericApi',
		displayName: 'Generic',
		properties: [],
		authenticate: { type: 'generic', properties },
	};
}

const request = (extra: Partial<IHttpRequestOptions> = {}): IHttpRequestOptions => ({
	url: 'http://127.0.0.1/x',
	method: 'POST',
	...extra,
});

describe('applyCredentialAuthentication (generic)', () => {
	it('resolves expressions against $credentials and merges into existing body, headers and qs', async () => {
		const type = genericType({
			body: { owner_id: '={{$credentials.ownerId}}', token: '={{ $credentials.token }}' },
			headers: { 'X-Api-Key': '={{$credentials.token}}', 'X-Static': 'fixed' },
			qs: { api_key: '={{"k-" + $credentials.token}}' },
		});
		const result = await applyCredentialAuthentication(
			type,
			{ ownerId: 'owner-1', token: 't0k' },
			request({ body: { keep: true, token: 'from-node' }, headers: { accept: 'json' }, qs: { page: 2 } }),
			workflow,
			node,
		);

		expect(result.body).toEqual({ keep: true, owner_id: 'owner-1', token: 't0k' });
		expect(result.headers).toEqual({ accept: 'json', 'X-Api-Key': 't0k', 'X-Static': 'fixed' });
		expect(result.qs).toEqual({ page: 2, api_key: 'k-t0k' });
	});

	it('sets HTTP Basic auth from an `auth` block', async () => {
		const type = genericType({ auth: { username: '={{$credentials.user}}', password: '={{$credentials.pass}}' } });
		const result = await applyCredentialAuthentication(type, { user: 'u', pass: 'p' }, request(), workflow, node);
		expect(result.auth).toEqual({ username: 'u', password: 'p' });
	});

	it('creates the target object and always a headers object, like n8n', async () => {
		const type = genericType({ body: { token: '={{$credentials.token}}' } });
		const result = await applyCredentialAuthentication(type, { token: 't' }, request(), workflow, node);
		expect(result.body).toEqual({ token: 't' });
		expect(result.headers).toEqual({});
	});

	it('sends every value as a string, and missing or falsy values as an empty string', async () => {
		const type = genericType({
			body: { id: '={{$credentials.id}}', missing: '={{$credentials.nothing}}', zero: '={{$credentials.zero}}' },
		});
		const result = await applyCredentialAuthentication(type, { id: 42, zero: 0 }, request(), workflow, node);
		expect(result.body).toEqual({ id: '42', missing: '', zero: '' });
	});

	it('resolves expression keys too', async () => {
		const type = genericType({ headers: { '={{$credentials.headerName}}': '={{$credentials.token}}' } });
		const result = await applyCredentialAuthentication(type, { headerName: 'X-Token', token: 't' }, request(), workflow, node);
		expect(result.headers).toEqual({ 'X-Token': 't' });
	});

	it('refuses the declarative form without a workflow and node, as n8n does', async () => {
		const type = genericType({ body: { token: 'x' } });
		await expect(applyCredentialAuthentication(type, {}, request())).rejects.toThrow(/Workflow and node are required/);
	});
});

describe('applyCredentialAuthentication (function)', () => {
	it('calls the function with the credentials and uses what it returns', async () => {
		const type: ICredentialType = {
			name: 'fnApi',
			displayName: 'Fn',
			properties: [],
			authenticate: async (credentials, options) => ({
				...options,
				headers: { ...options.headers, Authorization: `Bearer ${String(credentials.token)}` },
			}),
		};
		const result = await applyCredentialAuthentication(type, { token: 'abc' }, request());
		expect(result.headers).toEqual({ Authorization: 'Bearer abc' });
	});

	it('leaves the request alone when the type has no authenticate', async () => {
		const type: ICredentialType = { name: 'noneApi', displayName: 'None', properties: [] };
		const original = request({ body: { a: 1 } });
		await expect(applyCredentialAuthentication(type, {}, original)).resolves.toEqual(request({ body: { a: 1 } }));
	});
});
