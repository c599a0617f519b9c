// The only code that speaks to the TES API. Every call is a POST with a JSON body; the credential
// adds owner_id and token to that body.
import type { IDataObject } from 'n8n-workflow';

import {
	jsonBodyOf,
	sendProviderRequest,
	unexpectedAnswerError,
	type ProviderContext,
	type RetryPolicy,
} from '../../shared/transport/providerRequest';
import { isTesErrorBody, tesApiError } from './tesApiError';
import type { TesBrand } from '../TesBrand';

export function tesBaseUrl(credentials: IDataObject, brand: TesBrand): string {
	const override = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	const domain = String(credentials.appDomain || brand.defaultAppDomain).trim();
	return `https://api.${domain}/v1.0`;
}

export async function tesApiRequest(
	ctx: ProviderContext,
	brand: TesBrand,
	endpoint: string,
	body: IDataObject,
	policy: RetryPolicy & { timeoutMs?: number },
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials(brand.credentialName);
	const response = await sendProviderRequest(
		ctx,
		brand.displayName,
		brand.credentialName,
		{
			method: 'POST',
			url: `${tesBaseUrl(credentials, brand)}/${endpoint}`,
			body,
			// A shorter wait than the transport's default, where a caller asks for one.
			...(policy.timeoutMs !== undefined ? { timeout: policy.timeoutMs } : {}),
		},
		policy,
	);
	const answer = jsonBodyOf(response.body);
	if (isTesErrorBody(answer)) throw tesApiError(ctx.getNode(), brand, answer, response.statusCode);
	const isSuccess =
		typeof answer === 'object' &&
		answer !== null &&
		(answer as IDataObject).status === 'success' &&
		response.statusCode < 400;
	if (!isSuccess) {
		throw unexpectedAnswerError(ctx.getNode(), brand.displayName, response.statusCode, response.attempts);
	}
	return answer as IDataObject;
}
