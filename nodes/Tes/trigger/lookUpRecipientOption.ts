// The TES trigger's "Look Up Recipient" option, and how the receive path reads it.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { TesBrand } from '../TesBrand';
import {
	DEFAULT_RECIPIENT_LOOKUP_MODE,
	RECIPIENT_LOOKUP_BOUNDS,
	type RecipientLookUpMode,
} from './lookUpRecipients';

const MODES: readonly RecipientLookUpMode[] = ['bouncesAndComplaints', 'allEvents', 'never'];

export function lookUpRecipientOption(brand: TesBrand): INodeProperties {
	const { maxLookUps, budgetMs } = RECIPIENT_LOOKUP_BOUNDS;
	return {
		displayName: 'Look Up Recipient',
		name: 'lookUpRecipient',
		type: 'options',
		options: [
			{
				name: 'For Bounces and Complaints',
				value: 'bouncesAndComplaints',
				description: 'Ask for the address of bounced and complained-about messages only',
			},
			{
				name: 'For All Events',
				value: 'allEvents',
				description: 'Also for opens, clicks and sends: one more API call per message',
			},
			{ name: 'Never', value: 'never', description: 'Leave "recipient" empty when the event has no address' },
		],
		default: DEFAULT_RECIPIENT_LOOKUP_MODE,
		description: `${brand.displayName} events carry no address, only the message ID: the trigger asks ${brand.displayName} for it (one API call per distinct message, at most ${maxLookUps} per delivery, within ${budgetMs / 1000} s). When no address is found the event still arrives, and "recipientMissingReason" says why.`,
	};
}

export function recipientLookUpModeOf(options: IDataObject): RecipientLookUpMode {
	const mode = options.lookUpRecipient as RecipientLookUpMode | undefined;
	return mode !== undefined && MODES.includes(mode) ? mode : DEFAULT_RECIPIENT_LOOKUP_MODE;
}
