// Update: fetch the webhook, change only what the user set, send it whole (Everlytic's PUT takes
// the same full body as create).
//
// The receiver's Basic credentials are the exception: Everlytic answers `auth_details: null`, so
// the stored password cannot be fetched and sent back. "Keep" (the default) leaves auth_details
// out of the PUT and sends the current auth_type; whether Everlytic then keeps the stored
// credentials is unpublished, so the parameter says so and a user whose receiver checks them
// re-enters them with "Set New Credentials". "Remove" sends `auth_details: null`.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateFieldsProperty, updateOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import { updateEverlyticWebhook, type EverlyticReceiverAuth } from '../../transport/everlyticWebhooks';
import {
	contentTypeField,
	eventTypesField,
	fieldSetField,
	includeHtmlField,
	receiverAuthFrom,
	requireEventTypes,
	statusField,
	urlField,
	verbField,
	webhookIdField,
} from './commonFields';
import { includeReceiverPassword, receiverPasswordOptions, withReceiverPassword } from './receiverPassword';

export const option = updateOption;

export function description(): INodeProperties[] {
	return [
		webhookIdField(),
		updateFieldsProperty([
			contentTypeField,
			eventTypesField,
			fieldSetField,
			verbField,
			includeHtmlField,
			statusField,
			urlField,
		]),
		{
			displayName: 'Receiver Authentication',
			name: 'receiverAuthMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Keep',
					value: 'keep',
					description:
						'Send no credentials: Everlytic never returns the stored password, so it cannot be sent back',
				},
				{
					name: 'Remove',
					value: 'remove',
					description: 'Everlytic sends events without Basic auth from now on',
				},
				{
					name: 'Set New Credentials',
					value: 'set',
					description: 'Everlytic sends these Basic auth credentials with every event from now on',
				},
			],
			default: 'keep',
			description: 'What happens to the HTTP Basic credentials Everlytic sends to the receiving URL',
		},
		{
			displayName:
				'Everlytic does not return a webhook\'s Basic auth password, so this update cannot send it back. If the receiving URL checks Basic auth (an Everlytic Trigger\'s URL does), choose Set New Credentials and enter them again: Everlytic\'s docs do not say whether an update without them keeps the old ones.',
			name: 'keepAuthNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { receiverAuthMode: ['keep'] } },
		},
		{
			displayName: 'Receiver Username',
			name: 'receiverUsername',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { receiverAuthMode: ['set'] } },
			description: 'The username Everlytic sends to the receiving URL',
		},
		{
			displayName: 'Receiver Password',
			name: 'receiverPassword',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { receiverAuthMode: ['set'] } },
			description: 'The password Everlytic sends to the receiving URL',
		},
		receiverPasswordOptions,
	];
}

function receiverAuthChange(
	ctx: IExecuteFunctions,
	itemIndex: number,
): EverlyticReceiverAuth | null | undefined {
	const mode = ctx.getNodeParameter('receiverAuthMode', itemIndex, 'keep') as string;
	if (mode === 'remove') return null;
	if (mode !== 'set') return undefined;
	const auth = receiverAuthFrom(ctx, itemIndex, {
		basic: {
			username: ctx.getNodeParameter('receiverUsername', itemIndex, '') as string,
			password: ctx.getNodeParameter('receiverPassword', itemIndex, '') as string,
		},
	});
	if (!auth) {
		throw new NodeOperationError(ctx.getNode(), 'Set New Credentials needs a username and a password', {
			itemIndex,
			description: 'Fill in Receiver Username and Receiver Password, or choose Keep or Remove.',
		});
	}
	return auth;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const receiverAuth = receiverAuthChange(this, itemIndex);
	const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

	const updated = await updateEverlyticWebhook(this, webhookId, {
		url: text(changes.url),
		eventTypes:
			changes.eventTypes === undefined ? undefined : requireEventTypes(this, itemIndex, changes.eventTypes),
		verb: text(changes.verb),
		status: text(changes.status),
		contentType: text(changes.contentType),
		fieldSet: text(changes.fieldSet),
		includeHtml: typeof changes.includeHtml === 'boolean' ? changes.includeHtml : undefined,
		receiverAuth,
	});
	return withReceiverPassword(updated, includeReceiverPassword(this, itemIndex));
}
