// Parameters several Everlytic webhook operations share, and the check of the receiver's Basic
// credentials (Everlytic takes username and password together or neither).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { webhookIdField as sharedWebhookIdField } from '../../../shared/actions/webhookResourceFields';
import { everlyticEventOptions } from '../../events';
import type { EverlyticReceiverAuth } from '../../transport/everlyticWebhooks';

export function webhookIdField(): INodeProperties {
	return sharedWebhookIdField('07a64775-ec55-40aa-b32b-7969cbf28b6a');
}

export const urlField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/webhook',
	description: 'The URL that receives the events. An Everlytic Trigger node\'s production URL does.',
};

export const eventTypesField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Event Types',
	name: 'eventTypes',
	type: 'multiOptions',
	options: everlyticEventOptions,
	default: ['sent', 'delivered', 'failed', 'open', 'click', 'bounce', 'unsubscribe', 'resubscribe'],
	description: 'The events the webhook receives',
};

export const verbField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'HTTP Verb',
	name: 'verb',
	type: 'options',
	options: [
		{ name: 'DELETE', value: 'delete' },
		{ name: 'GET', value: 'get' },
		{ name: 'PATCH', value: 'patch' },
		{ name: 'POST', value: 'post' },
		{ name: 'PUT', value: 'put' },
	],
	default: 'post',
	description: 'The HTTP method Everlytic delivers events with. An Everlytic Trigger node expects POST.',
};

export const statusField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Disabled', value: 'disabled', description: 'Everlytic keeps the webhook but sends nothing' },
		{ name: 'Enabled', value: 'enabled', description: 'Everlytic sends events to the URL' },
	],
	default: 'enabled',
};

export const contentTypeField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	options: [
		{ name: 'Form URL-Encoded', value: 'application/x-www-form-urlencoded' },
		{ name: 'JSON', value: 'application/json' },
	],
	default: 'application/json',
	description: 'How Everlytic encodes each event it sends: as a JSON body or as form fields',
};

export const fieldSetField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Field Set',
	name: 'fieldSet',
	type: 'options',
	options: [
		{ name: 'Legacy', value: 'legacy', description: 'The format of Everlytic\'s older transactional callbacks' },
		{ name: 'Standard', value: 'standard', description: 'The current webhook payload format' },
	],
	default: 'standard',
	description: 'The format of the events Everlytic sends',
};

export const includeHtmlField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Include HTML',
	name: 'includeHtml',
	type: 'boolean',
	default: false,
	description: 'Whether "sent" events carry the email\'s HTML. Everlytic adds it only with the Legacy field set.',
};

export const receiverAuthField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Receiver Authentication',
	name: 'receiverAuth',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Basic Auth Credentials',
	description: 'The HTTP Basic credentials Everlytic sends with every event; the receiving URL can check them. Give both or neither.',
	options: [
		{
			displayName: 'Basic Auth',
			name: 'basic',
			values: [
				{
					displayName: 'Username',
					name: 'username',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Password',
					name: 'password',
					type: 'string',
					typeOptions: { password: true },
					default: '',
				},
			],
		},
	],
};

/**
 * The receiver's Basic credentials from a Receiver Authentication value: both, or undefined when
 * neither is given. Only one of them is a mistake Everlytic would refuse with a less clear message.
 */
export function receiverAuthFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): EverlyticReceiverAuth | undefined {
	const basic = ((value ?? {}) as IDataObject).basic as IDataObject | undefined;
	const username = typeof basic?.username === 'string' ? basic.username.trim() : '';
	const password = typeof basic?.password === 'string' ? basic.password : '';
	if (username === '' && password === '') return undefined;
	if (username === '' || password === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			`Receiver Authentication needs both a username and a password: only the ${username === '' ? 'password' : 'username'} is set`,
			{
				itemIndex,
				description:
					'Everlytic accepts Basic auth details for the receiving URL only as a pair. Fill in both, or remove Receiver Authentication.',
			},
		);
	}
	return { username, password };
}

/** The chosen event types; Everlytic refuses a webhook without any. */
export function requireEventTypes(ctx: IExecuteFunctions, itemIndex: number, eventTypes: unknown): string[] {
	if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event type', {
			itemIndex,
			description: 'Everlytic needs at least one event type to send to the webhook.',
		});
	}
	return eventTypes.map(String);
}
