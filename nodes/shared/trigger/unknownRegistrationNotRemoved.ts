// delete() when the trigger knows of no registration and the provider cannot even be asked (a
// failed activation with a wrong credential, typically). Throwing here would make n8n keep
// serving the URL; there is nothing we know to be ours to remove, so say so and let n8n go on.
import type { IHookFunctions } from 'n8n-workflow';

export function unknownRegistrationNotRemoved(
	ctx: IHookFunctions,
	providerName: string,
	url: string,
	error: unknown,
): false {
	ctx.logger.warn(
		`${ctx.getNode().name}: could not check ${providerName} for a webhook to remove for ${url} ` +
			`(${(error as Error).message}). None was known to be registered; if one is, delete it with the ${providerName} node.`,
		{ workflowId: ctx.getWorkflow().id },
	);
	return false;
}
