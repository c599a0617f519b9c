// What the sarvApi and sendCleanApi credentials share: fields, how a request is authenticated
// (owner_id and token in every JSON body) and the credential test.
import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import type { TesBrand } from '../TesBrand';

export function tesCredentialProperties(brand: TesBrand): INodeProperties[] {
	return [
		{
			displayName: 'Owner ID',
			name: 'ownerId',
			type: 'string',
			required: true,
			default: '',
			description: `Your ${brand.displayName} user ID, shown with the API token in the ${brand.displayName} dashboard's API settings`,
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `The API token from the ${brand.displayName} dashboard's API settings`,
		},
		{
			displayName: 'App Domain',
			name: 'appDomain',
			type: 'string',
			default: '',
			placeholder: brand.defaultAppDomain || 'e.g. mta1.example.com',
			description: brand.defaultAppDomain
				? `Your account's cluster host name (APP_DOMAIN in the ${brand.displayName} SDKs); requests go to https://api.{App Domain}/v1.0. Empty means ${brand.defaultAppDomain}.`
				: `Your account's cluster host name (APP_DOMAIN in the ${brand.displayName} SDKs); requests go to https://api.{App Domain}/v1.0.`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/v1.0',
			description: 'Optional. Overrides the URL built from the App Domain, e.g. for a white-label host or an older http://{domain}:7278/v1.0 endpoint.',
		},
	];
}

export const tesAuthenticate: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		body: {
			owner_id: '={{$credentials.ownerId}}',
			token: '={{$credentials.token}}',
		},
	},
};

export function tesCredentialTest(brand: TesBrand): ICredentialTestRequest {
	return {
		request: {
			baseURL: `={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : 'https://api.' + ($credentials.appDomain || '${brand.defaultAppDomain}') + '/v1.0'}}`,
			url: '/account/viewUserDetail',
			method: 'POST',
			body: {},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'name',
					value: 'AuthenticationError',
					message: `${brand.displayName} did not accept the Owner ID and Token (Token MissMatch)`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: 'AuthenticationError',
					message: `${brand.displayName} did not accept the Owner ID and Token (Token MissMatch)`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'error',
					message: `${brand.displayName} answered with an error: check the Owner ID, Token and App Domain`,
				},
			},
		],
	};
}

/**
 * What both brands' credential classes are made of; a brand's class adds only the name and
 * display name n8n's linter wants to read literally in the credential file.
 */
export abstract class TesCredentialType implements ICredentialType {
	abstract name: string;

	abstract displayName: string;

	icon: Icon;

	documentationUrl: string;

	properties: INodeProperties[];

	authenticate: IAuthenticateGeneric = tesAuthenticate;

	test: ICredentialTestRequest;

	constructor(brand: TesBrand) {
		this.icon = brand.credentialIcon;
		this.documentationUrl = brand.credentialDocumentationUrl;
		this.properties = tesCredentialProperties(brand);
		this.test = tesCredentialTest(brand);
	}
}
