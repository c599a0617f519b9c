// Everlytic documents `auth_details` as null in every answer, but some accounts return the stored
// Basic credentials of the receiving URL, password included (docs/providers.md). Output items end
// up in execution logs that everyone with access to the workflow can read, so every operation that
// outputs a webhook hides the password unless the user asks for it.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What replaces a password in the output: it says one is set without saying what it is. */
export const HIDDEN_PASSWORD = '[hidden]';

export const includeReceiverPasswordOption: INodeProperties = {
	displayName: 'Include Receiver Password',
	name: 'includeReceiverPassword',
	type: 'boolean',
	default: false,
	description: `Whether to output the Basic auth password Everlytic sends to the receiving URL, when Everlytic returns it. Off: it is shown as "${HIDDEN_PASSWORD}".`,
};

/** An Options collection holding only Include Receiver Password, for operations without options. */
export const receiverPasswordOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeReceiverPasswordOption],
};

export function includeReceiverPassword(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.includeReceiverPassword === true;
}

const PASSWORD_KEY = /pass/i;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The credentials with every password-like value replaced; nested objects a few levels deep. */
function hidePasswords(details: IDataObject, depth = 0): IDataObject {
	return Object.fromEntries(
		Object.entries(details).map(([key, value]) => {
			if (PASSWORD_KEY.test(key) && value !== null && value !== undefined && value !== '') {
				return [key, HIDDEN_PASSWORD];
			}
			if (isObject(value)) return [key, depth < 3 ? hidePasswords(value, depth + 1) : HIDDEN_PASSWORD];
			return [key, value];
		}),
	);
}

/** The webhook as output: unchanged when the user asked for the password, else with it hidden. */
export function withReceiverPassword<T extends IDataObject>(webhook: T, include: boolean): T {
	if (include || !isObject(webhook.auth_details)) return webhook;
	return { ...webhook, auth_details: hidePasswords(webhook.auth_details) };
}
