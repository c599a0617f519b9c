// The harness's ICredentialsHelper: hands n8n-core decrypted credentials from an in-memory store
// and applies a credential type's `authenticate` to outgoing requests.
//
// n8n-core calls `authenticate` but does not implement it: n8n's server package (CredentialsHelper
// in packages/cli) does. `applyCredentialAuthentication` below re-implements only what that server
// code does for the two forms of `authenticate` (read from n8n's source for behaviour, not copied):
//   - a function is called with (credentials, requestOptions) and its result is the request;
//   - `{ type: 'generic', properties: { body | headers | qs | auth: { key: value } } }`: every key
//     and value is resolved when it is an expression (`={{ $credentials.token }}`) with the
//     workflow's expression engine and `$credentials` bound, converted to a string (an empty or
//     missing value becomes ''), and written into `requestOptions[outer][key]`, creating the
//     outer object when absent; `headers` is always created.
// This is the one place where the harness, not n8n, decides behaviour; it has its own tests.
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, isExpression } from 'n8n-workflow';

export type CredentialTypeRegistry = Map<string, ICredentialType>;

export function createCredentialTypeRegistry(types: ICredentialType[] = []): CredentialTypeRegistry {
	return new Map(types.map((type) => [type.name, type]));
}

/** Node credential reference (what a workflow stores in `node.credentials[type]`). */
export function credentialReference(type: string): INodeCredentialsDetails {
	return { id: `harness-${type}`, name: `${type} (harness)` };
}

function resolveAuthValue(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	if (!resolved) return '';
	return resolved.toString();
}

/**
 * Applies `credentialType.authenticate` to a request, as n8n's server does. Mutates and returns
 * `requestOptions` (n8n's server mutates it too; callers rely on either).
 */
export async function applyCredentialAuthentication(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	workflow?: Workflow,
	node?: INode,
): Promise<IHttpRequestOptions> {
	const { authenticate } = credentialType;
	if (typeof authenticate === 'function') {
		return await authenticate(credentials, requestOptions as IHttpRequestOptions);
	}
	if (typeof authenticate === 'object') {
		if (!workflow || !node) {
			throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const keyResolved = resolveAuthValue(key, credentials, workflow, node);
					const valueResolved = resolveAuthValue(value, credentials, workflow, node);
					const outer = (target[outerKey] ??= {});
					outer[keyResolved] = valueResolved;
				}
			}
		}
	}
	return requestOptions as IHttpRequestOptions;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Credential data by credential type name (one credential per type per harness). */
	readonly store: Map<string, ICredentialDataDecryptedObject>;

	constructor(
		private readonly credentialTypes: CredentialTypeRegistry,
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		this.store = new Map(Object.entries(credentials).map(([type, data]) => [type, { ...data }]));
	}

	private getType(name: string): ICredentialType {
		const type = this.credentialTypes.get(name);
		if (type === undefined) {
			throw new UnexpectedError(
				`Credential type "${name}" is not known to the harness: pass an instance in credentialTypes`,
			);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.credentialTypes.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.credentialTypes.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some((supported) => nodeType === supported || nodeType.endsWith(`.${supported}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		return await applyCredentialAuthentication(this.getType(typeName), credentials, requestOptions, workflow, node);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		// Same trigger as n8n's server: a hidden `expirable` property that is empty or expired.
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as IDataObject;
		if (output[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output) as ICredentialDataDecryptedObject;
		this.store.set(typeName, { ...(this.store.get(typeName) ?? {}), ...output } as ICredentialDataDecryptedObject);
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new UnexpectedError(`The harness does not hand out encrypted credentials (${type})`);
	}

	/**
	 * Returns the stored data with the credential type's defaults filled in, as n8n's server does
	 * before handing credentials to a node (`applyDefaultsAndOverwrites`). Unlike n8n, expressions
	 * stored inside credential values are not resolved: give tests plain values.
	 */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(type);
		if (data === undefined) {
			throw new UnexpectedError(`The harness has no credentials of type "${type}"`);
		}
		return this.withDefaults(type, data);
	}

	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		return { ...withDefaults };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, { ...data });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
