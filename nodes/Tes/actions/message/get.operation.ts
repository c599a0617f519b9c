// Get: a message by the ID every TES event carries (x_unique_id), as the provider describes it,
// with its recipient, subject, sender and status normalized beside the provider's own fields.
// Follows a trigger directly: TES events carry no address, this finds it.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/actions/actionResource';
import type { TesBrand } from '../../TesBrand';
import { tesMessageFieldsOf } from '../../transport/tesMessageShape';
import { getTesMessages } from '../../transport/tesMessages';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	action: 'Get a message',
	description: 'Get a sent message by its ID, with its recipient',
};

export function description(brand: TesBrand): INodeProperties[] {
	return [
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			required: true,
			default: '={{ $json.messageId }}',
			placeholder: '6f708632d96fe1cb0cb15eccc2676323b2615d5309a7896cf002c54d1a6ea4785',
			description: `The message's x_unique_id, as every ${brand.displayName} event carries it ("messageId" of the ${brand.displayName} Trigger's items)`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Add Recipient to Input Item',
					name: 'addToInput',
					type: 'boolean',
					default: false,
					description:
						'Whether to output the input item with "recipient" filled in, instead of the message (e.g. to complete a trigger event)',
				},
			],
		},
	];
}

/** The provider's record with the normalized fields beside its own; the id it was asked for. */
function describedMessage(record: IDataObject, messageId: string): IDataObject {
	const fields = tesMessageFieldsOf(record);
	const present = Object.fromEntries(
		Object.entries({ subject: fields.subject, sender: fields.sender, status: fields.status }).filter(
			([, value]) => value !== null,
		),
	);
	return { ...record, messageId, recipient: fields.recipient, ...present };
}

/** The input item with the recipient found; a trigger event's provenance fields follow it. */
function inputWithRecipient(input: IDataObject, recipient: string | null): IDataObject {
	if (recipient === null) return { ...input, recipient: input.recipient ?? null };
	const item: IDataObject = { ...input, recipient };
	if ('recipientSource' in input) item.recipientSource = 'lookup';
	if ('recipientMissingReason' in input) item.recipientMissingReason = null;
	return item;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject | IDataObject[]> {
	const messageId = String(this.getNodeParameter('messageId', itemIndex) ?? '').trim();
	if (messageId === '') {
		throw new NodeOperationError(this.getNode(), 'The Message ID is empty', {
			itemIndex,
			description: `Enter an x_unique_id, or map "messageId" from a ${brand.displayName} Trigger item.`,
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const messages = (await getTesMessages(this, brand, messageId)).map((record) =>
		describedMessage(record, messageId),
	);
	if (messages.length === 0) {
		throw new NodeOperationError(this.getNode(), `${brand.displayName} has no message with ID "${messageId}"`, {
			itemIndex,
			description: 'Check the ID, and that the credential belongs to the account that sent the message.',
		});
	}
	if (options.addToInput === true) {
		const recipient = (messages.find((message) => message.recipient !== null)?.recipient ?? null) as string | null;
		return inputWithRecipient(this.getInputData()[itemIndex]?.json ?? {}, recipient);
	}
	return messages;
}
