// The TES trigger's enrich step: look up, by message id, the recipients its events lack, and
// tell n8n's log which ones stayed unknown and why (never the token: transport errors carry no
// request details).
import type { IWebhookFunctions } from 'n8n-workflow';

import type { TesBrand } from '../TesBrand';
import { lookUpTesRecipient } from '../transport/tesMessages';
import { recipientLookUpModeOf } from './lookUpRecipientOption';
import {
	lookUpRecipients,
	MISSING_REASON,
	RECIPIENT_LOOKUP_BOUNDS,
	type RecipientLookUpBounds,
	type RecipientLookUpReport,
	type RecipientLookUpTarget,
} from './lookUpRecipients';
import { tesTriggerOptions } from './tesTriggerParameters';

/** Messages named in one log line; the rest are counted. */
const LOGGED_MESSAGES = 5;

function logUnresolved(ctx: IWebhookFunctions, brand: TesBrand, report: RecipientLookUpReport, bounds: RecipientLookUpBounds): void {
	if (report.unresolved.size === 0) return;
	const listed = [...report.unresolved].slice(0, LOGGED_MESSAGES).map(([id, reason]) => `${id}: ${reason}`);
	const more = report.unresolved.size - listed.length;
	const overBudget = [...report.unresolved.values()].includes(MISSING_REASON.budget);
	ctx.logger.warn(
		`${brand.displayName} Trigger found no recipient for ${report.unresolved.size} message(s) of a delivery ` +
			`(${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}). The events were emitted with "recipient" empty and "recipientMissingReason" set.` +
			(overBudget
				? ` Look-ups are limited to ${bounds.maxLookUps} messages and ${bounds.budgetMs / 1000} s per delivery; use the ${brand.displayName} node's Message → Get for the rest.`
				: ''),
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
}

/** The `enrichEvents` hook of a TES brand's receiver. */
export function tesRecipientLookUp(brand: TesBrand, bounds: RecipientLookUpBounds = RECIPIENT_LOOKUP_BOUNDS) {
	return async function enrichEvents(ctx: IWebhookFunctions, events: RecipientLookUpTarget[]): Promise<void> {
		const mode = recipientLookUpModeOf(tesTriggerOptions(ctx));
		const report = await lookUpRecipients(
			events,
			mode,
			// One attempt: a retry's backoff would spend the delivery's budget.
			async (messageId, call) => await lookUpTesRecipient(ctx, brand, messageId, { ...call, maxAttempts: 1 }),
			bounds,
		);
		logUnresolved(ctx, brand, report, bounds);
	};
}
