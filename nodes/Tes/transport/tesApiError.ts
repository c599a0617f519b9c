// Turns a TES answer into a NodeApiError. TES reports errors as `status: "error"` in the body,
// with HTTP 200 or 4xx depending on the brand and call, the kind under `name` or `type`, and
// `code` as -1 or "-1" (docs/providers.md, TES error dialect): decide on the body, never on the status alone.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TesBrand } from '../TesBrand';

const HTTP_CODE_BY_ERROR_KIND: Record<string, string> = {
	AuthenticationError: '401',
	ValidationError: '400',
	GeneralError: '500',
};

const HINT_BY_ERROR_KIND: Record<string, string> = {
	AuthenticationError: 'Check the Owner ID and Token in the credential.',
	ValidationError: 'The provider refused a parameter; its message says which.',
	GeneralError: 'The provider failed to process the request; try again later.',
};

export interface TesErrorBody {
	status: 'error';
	code?: number | string;
	name?: string;
	type?: string;
	message?: string;
}

export function isTesErrorBody(body: unknown): body is TesErrorBody {
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'error';
}

export function tesErrorKind(body: TesErrorBody): string {
	return body.name ?? body.type ?? 'GeneralError';
}

export function tesApiError(
	node: INode,
	brand: TesBrand,
	body: TesErrorBody,
	httpStatus: number,
): NodeApiError {
	const kind = tesErrorKind(body);
	const providerMessage = typeof body.message === 'string' ? body.message : kind;
	const httpCode =
		HTTP_CODE_BY_ERROR_KIND[kind] ?? (httpStatus >= 400 ? String(httpStatus) : '500');
	return new NodeApiError(
		node,
		{ status: 'error', code: body.code ?? null, name: kind, message: providerMessage } as JsonObject,
		{
			message: `${brand.displayName}: ${providerMessage}`,
			description: `${kind}. ${HINT_BY_ERROR_KIND[kind] ?? ''}`.trim(),
			httpCode,
		},
	);
}
