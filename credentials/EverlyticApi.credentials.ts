// The everlyticApi credential: HTTP Basic with the account's username and API key, applied by
// n8n to every request (generic `auth`), and a credential test that lists the webhooks.
import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class EverlyticApi implements ICredentialType {
	name = 'everlyticApi';

	displayName = 'Everlytic API';

	icon: Icon = { light: 'file:../icons/everlytic.svg', dark: 'file:../icons/everlytic.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks#everlytic-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			description: 'The Everlytic username the API key belongs to (the one you sign in with)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'An API key of that user, generated in Everlytic\'s API key settings',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.everlytic.net/transactional/email/v1',
			description: 'The transactional email API v1 address. Change it only for a proxy or a test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.username}}',
				password: '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://api.everlytic.net/transactional/email/v1").trim().replace(/\\/+$/, "")}}',
			url: '/webhooks',
			method: 'GET',
		},
		rules: [
			{
				// Everlytic answers bad or missing credentials with 401 "Login Required" (its API docs).
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Everlytic: Login Required. Check the Username and API Key.',
				},
			},
		],
	};
}
